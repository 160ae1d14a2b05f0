// Which changed files a generator watching a project must see: its
// TypeScript sources, not the generated output nor dependencies. Kept apart
// from the session so that a watcher can ask before TypeScript is loaded.
export function isProjectSource(projectDir: string, outDir: string | undefined, path: string): boolean {
  return (
    /\.(?:m|c)?tsx?$/.test(path) &&
    path.startsWith(projectDir + "/") &&
    !(outDir && path.startsWith(outDir + "/")) &&
    !path.split("/").includes("node_modules")
  );
}
