// Posix path arithmetic shared by the core, the hosts and the plugins,
// without node:path: the core runs inside any host, and project paths stay
// posix on every platform.

/** Joins like path.posix.join/resolve without importing node:path into the core. */
export function joinPosix(base: string, relative: string): string {
  if (relative.startsWith("/")) return normalizePosix(relative);
  return normalizePosix(`${base}/${relative}`);
}

export function normalizePosix(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "." || (part === "" && out.length > 0)) continue;
    if (part === ".." && out.length > 1) out.pop();
    else out.push(part);
  }
  return out.join("/") || "/";
}

/** `to` relative to the folder `from`, posix, with a leading `./` when it stays below. */
export function relativePosix(from: string, to: string): string {
  const a = normalizePosix(from).split("/");
  const b = normalizePosix(to).split("/");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => "..");
  const rest = b.slice(i);
  const joined = [...up, ...rest].join("/");
  return up.length === 0 ? `./${joined}` : joined;
}
