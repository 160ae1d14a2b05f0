// mizan-gen's host: loads the project with ts-morph (which bundles its own
// TypeScript) and hands the core that `ts` and the program. In watch mode
// the same Project is kept and only changed files are refreshed, so the
// next program reuses the previous one's unchanged source files.
import { resolve } from "node:path";
import { Project, ts } from "ts-morph";
import { findPluginConfig, normalizePosix, resolveOptions } from "../options.js";
import type { CoreInput, TypeScript } from "./input.js";

export interface LoadedProject {
  project: Project;
  tsconfig: string;
  projectDir: string;
}

export function loadProject(tsconfigPath: string): LoadedProject {
  const tsconfig = normalizePosix(resolve(tsconfigPath));
  const project = new Project({ tsConfigFilePath: tsconfig, skipFileDependencyResolution: false });
  return { project, tsconfig, projectDir: tsconfig.slice(0, tsconfig.lastIndexOf("/")) };
}

export function coreInput(loaded: LoadedProject, overrides: { out?: string }): CoreInput {
  const program = loaded.project.getProgram().compilerObject;
  const config = findPluginConfig(program.getCompilerOptions());
  return {
    ts: ts as unknown as TypeScript,
    program,
    projectDir: loaded.projectDir,
    options: resolveOptions(loaded.projectDir, config, overrides),
  };
}
