import { client, type Req } from "mizan";
import { MizanHttpError } from "mizan/server";
import { Notifications } from "./contexts.js";
import { store } from "./store.js";
import type { Notification, Staff } from "./types.js";

export class Inbox {
  /** Reads the signed-in staff member from the request: auth-dependent. */
  @client({ context: Notifications })
  static async notifications(req: Req<Staff>): Promise<Notification[]> {
    return store.notifications.get(signedIn(req).id) ?? [];
  }

  @client({ affects: Notifications })
  static async markRead(req: Req<Staff>, id: number): Promise<void> {
    const inbox = store.notifications.get(signedIn(req).id) ?? [];
    const note = inbox.find((n) => n.id === id);
    if (!note) throw new MizanHttpError("not_found", `no notification ${id}`);
    note.read = true;
  }
}

function signedIn(req: Req<Staff>): Staff {
  if (!req.user) throw new MizanHttpError("forbidden", "sign in first");
  return req.user;
}
