// Why does (or doesn't) mizan-gen analyse this project without the DOM
// libraries? Prints the check's answer (compiler/host/lean-lib.ts:
// the first reason the lean program could differ, or "lean") and the CPU it
// took, first with the lib closure cache as it is, then computed afresh.
// Run: npm run build && node dist/bench/compiler/dom-reach.js <tsconfig.json>
import { rmSync } from "node:fs";
import { join } from "node:path";
import { checkLeanProgram } from "../../compiler/host/lean-lib.js";
import { leanLibOptions } from "../../compiler/host/lean-libs.js";
import { loadProject } from "../../compiler/host/project.js";
import { globMatcher } from "../../compiler/paths/glob.js";
import { projectRelative } from "../../compiler/scan/location.js";
import { cacheDir, ts } from "../../compiler/host/typescript.js";

const tsconfig = process.argv[2];
if (!tsconfig) throw new Error("usage: node dist/bench/compiler/dom-reach.js <tsconfig.json>");
const project = loadProject(tsconfig);
const full = project.program;
const lean = leanLibOptions(full.getCompilerOptions());
const isClient = globMatcher(project.config.client ?? []);
if (!lean) {
  console.log("no DOM library to leave out");
} else {
  const program = ts.createProgram({ rootNames: full.getRootFileNames(), options: lean.options });
  const cpu = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  for (const cache of ["as it is", "computed afresh"]) {
    if (cache === "computed afresh") rmSync(join(cacheDir, "lib-globals"), { recursive: true, force: true });
    const started = cpu();
    const checked = checkLeanProgram(program, lean.removed, (path) => isClient(projectRelative(project.projectDir, path)));
    const answer = typeof checked === "string" ? `full lib: ${checked}` : "lean: no DOM global can change the output";
    console.log(`${answer} (${Math.round(cpu() - started)} ms, lib closure cache ${cache})`);
  }
}
