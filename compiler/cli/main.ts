#!/usr/bin/env node
// mizan-gen [--project tsconfig.json] [--out DIR] [--check] [--watch]
// Writes DIR/manifest.json, DIR/routes.ts and DIR/client.ts from the
// project's @client declarations. Prints every diagnostic and exits 1 on
// any error, writing nothing. --check writes nothing and exits 1 when a
// generated file is stale.
import { parseArgs } from "node:util";
import { run } from "./run.js";

const USAGE = "usage: mizan-gen [--project tsconfig.json] [--out DIR] [--check] [--watch]";

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        project: { type: "string", short: "p", default: "tsconfig.json" },
        out: { type: "string" },
        check: { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`mizan-gen: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  if (parsed.check && parsed.watch) {
    console.error(`mizan-gen: --check and --watch do not go together\n${USAGE}`);
    process.exit(2);
  }
  const options = { project: parsed.project!, out: parsed.out, check: parsed.check! };
  if (parsed.watch) {
    import("./watch.js").then(
      ({ watch }) => watch(options),
      (error: Error) => {
        console.error(`mizan-gen: ${error.message}`);
        process.exit(1);
      },
    );
    return;
  }
  run(options).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error: Error) => {
      console.error(`mizan-gen: ${error.message}`);
      process.exit(1);
    },
  );
}

main();
