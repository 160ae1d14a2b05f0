import { client, type AuthedReq } from "mizan";
import { MizanHttpError } from "mizan/server";
import { Notifications } from "./contexts.js";
import { store } from "./store.js";
import type { Notification, Staff } from "./types.js";

// An AuthedReq requires a signed-in staff member: without one the server answers 401 and runs nothing.
export class Inbox {
  /** Reads the signed-in staff member from the request: auth-dependent. */
  @client({ context: Notifications })
  static async notifications(req: AuthedReq<Staff>): Promise<Notification[]> {
    return store.notifications.get(req.user.id) ?? [];
  }

  @client({ affects: Notifications })
  static async markRead(req: AuthedReq<Staff>, id: number): Promise<void> {
    const inbox = store.notifications.get(req.user.id) ?? [];
    const note = inbox.find((n) => n.id === id);
    if (!note) throw new MizanHttpError("not_found", `no notification ${id}`);
    note.read = true;
  }
}
