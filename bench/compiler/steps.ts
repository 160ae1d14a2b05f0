// Where a cold mizan-gen run goes: process CPU per step of the host and the
// core, in one process, without the run record or the writing of files.
// The program leaves the DOM libraries out when mizan-gen's check allows
// it (not when MIZAN_FULL_LIB=1); the fallbacks after the analysis are not
// followed here.
// Run: npm run build && node dist/bench/compiler/steps.js <tsconfig.json>
// CPU counts V8's compiler and collector threads too; wall time is shown beside it.
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const now = () => ({ cpu: cpu(), wall: performance.now() });
const started = now();
const lap = (label: string, from: { cpu: number; wall: number }) =>
  console.log(`${label.padEnd(36)} ${String(Math.round(cpu() - from.cpu)).padStart(5)} ms CPU ${String(Math.round(performance.now() - from.wall)).padStart(5)} ms wall`);

await import("../../compiler/host/typescript.js");
lap("loading the compiler", started);
const { coreInput, loadProject } = await import("../../compiler/host/project.js");
const { analyzeDeclarationsAndClientCode } = await import("../../compiler/generate.js");
const { renderFiles } = await import("../../templates/index.js");
let step = now();
const loaded = loadProject(process.argv[2] ?? "tsconfig.json", { leanLib: !process.env.MIZAN_FULL_LIB });
lap(`the program (${loaded.leanLib ? "without" : "with"} DOM), its check`, step);
step = now();
loaded.program.getTypeChecker();
lap("binding (creating the checker)", step);
step = now();
const input = coreInput(loaded, {});
const analysis = analyzeDeclarationsAndClientCode(input);
lap("analysis", step);
step = now();
renderFiles(analysis.ir);
lap("rendering", step);
lap("total", started);
