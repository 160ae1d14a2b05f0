// What once made chokidar lose a folder for good: a branch that renames the
// folder and a file beside it, checked out and back, then the folder renamed
// twice. Shared by mizan-gen --watch's and the Vite plugin's tests.
import { execFileSync } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

/**
 * In `dir` (made a git repository here): `folder` and `beside` (a file next
 * to it), both relative to `dir`, renamed on a branch checked out and back;
 * then `folder` renamed twice. Returns the folder's last path.
 */
export async function checkoutThenRenameTwice(dir: string, folder: string, beside: string): Promise<string> {
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, stdio: "pipe" });
  const parent = folder.slice(0, folder.lastIndexOf("/") + 1);
  git("init", "-q", "-b", "main");
  writeFileSync(join(dir, ".gitignore"), "generated/\nnode_modules/\n");
  git("add", "-A");
  git("commit", "-qm", "start");
  git("checkout", "-q", "-b", "renaming");
  git("mv", folder, `${parent}renamed`);
  git("mv", beside, `${parent}moved-${beside.slice(beside.lastIndexOf("/") + 1)}`);
  git("commit", "-qm", "rename");
  git("checkout", "-q", "main");
  await settle();
  renameSync(join(dir, folder), join(dir, `${parent}second`));
  await settle();
  renameSync(join(dir, `${parent}second`), join(dir, `${parent}third`));
  await settle();
  return join(dir, `${parent}third`);
}
