// The `client` globs: which project files are client code. Paths are
// project-relative and posix. `**` spans folders, `*` and `?` stay inside
// one, `{a,b}` is a choice; a glob without wildcards names a file or a
// folder and everything below it.

export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const source = globs.map((glob) => globSource(glob.replace(/^\.\//, "").replace(/\/+$/, ""))).join("|");
  const regex = new RegExp(`^(?:${source})$`);
  return (path) => regex.test(path);
}

function globSource(glob: string): string {
  let out = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      const slashAfter = glob[i + 2] === "/";
      // `a/**/b` also matches `a/b`; a trailing `**` matches anything below.
      out += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) out += "|";
    else out += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return /[*?{]/.test(glob) ? out : `${out}(?:/.*)?`;
}
