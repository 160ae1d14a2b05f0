// The demo's sign-in: a cookie naming a staff member. Enough to show an
// auth-dependent context; a real app would verify a session instead.
import { store } from "../src/store.js";
import type { Staff } from "../src/types.js";

export const SESSION_COOKIE = "demo_staff";

export function staffFromCookie(cookie: string | null): Staff | null {
  for (const pair of cookie?.split(";") ?? []) {
    const [name, value] = pair.trim().split("=");
    if (name === SESSION_COOKIE && value !== undefined) return store.staff.get(value) ?? null;
  }
  return null;
}
