// Runs cold generations in one process, as the CLI does, and prints their
// files and diagnostics as JSON with what the declaration snapshot did:
// started from a snapshot (node --snapshot-blob B this-file …) or not, it
// must print the same files. Each argument is a tsconfig; with --request,
// a snapshot is then asked for as after a CLI run.
import { coldRun } from "../../compiler/cli/cold.js";
import { formatDiagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { requestSnapshot, snapshotReport } from "../../compiler/snapshot/files.js";

const args = process.argv.slice(2);
const results = args
  .filter((arg) => arg !== "--request")
  .map((tsconfig) => {
    const { generation } = coldRun(tsconfig, undefined);
    return { tsconfig, files: generation.files.map((f) => [f.name, f.text]), diagnostics: generation.diagnostics.map(formatDiagnostic) };
  });
if (args.includes("--request")) requestSnapshot();
console.log(JSON.stringify({ report: snapshotReport(), results }));
