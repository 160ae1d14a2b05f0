// Project references: tsc's program sees a referenced project through its
// built declarations (.d.ts), where decorators are erased, so an analysis
// of that program finds no @client method declared there ("0 functions",
// while mizan-gen, which resolves imports to the sources, finds them). The
// analysis gets the program mizan-gen would build: the same root files and
// options without the references, so relative imports reach the referenced
// sources, and an import of a workspace package by name, which resolves to
// its built declarations, is read from its source (reference-sources.ts);
// so is a workspace package the project depends on whose own tsconfig
// builds those declarations (workspace-sources.ts), when tsc's program
// holds one of them.
// Every file tsc's program already holds is handed over as it is (parsed
// and bound once); only the referenced sources are parsed again.
import type * as TS from "typescript";
import { noteReferencedSources, parseReference, referencedSources, resolveToSources } from "../compiler/input/reference-sources.js";
import { projectSources, workspaceSources } from "../compiler/input/workspace-sources.js";
import { normalizePosix } from "../compiler/paths/posix.js";

export function programToAnalyse(program: TS.Program, ts: typeof TS, projectDir: string): TS.Program {
  const parse = parseReference(ts);
  const referenced = program.getResolvedProjectReferences()?.some((reference) => reference !== undefined);
  const workspace = workspaceSources(ts, projectDir, parse).sources;
  // A workspace package counts only when tsc's program holds one of its built declarations (else nothing differs).
  const held = program.getSourceFiles().some((file) => workspace.has(normalizePosix(file.fileName)));
  if (!referenced && !held) return program;
  const sources = projectSources(referenced ? referencedSources(ts, program.getProjectReferences(), parse) : new Map(), workspace);
  const options = program.getCompilerOptions();
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    // tsc's program answers a referenced source's name with its declaration file: not that one.
    const held = program.getSourceFile(fileName);
    return held && held.fileName === fileName ? held : getSourceFile(fileName, languageVersionOrOptions, onError);
  };
  resolveToSources(ts, host, options, sources);
  const analysed = ts.createProgram({ rootNames: program.getRootFileNames(), options, host });
  noteReferencedSources(analysed, sources);
  return analysed;
}
