// Project references: tsc's program sees a referenced project through its
// built declarations (.d.ts), where decorators are erased, so an analysis
// of that program finds no @client method declared there ("0 functions",
// while mizan-gen, which resolves imports to the sources, finds them). The
// analysis gets the program mizan-gen would build: the same root files and
// options without the references, so relative imports reach the referenced
// sources, and an import of a workspace package by name, which resolves to
// its built declarations, is read from its source (reference-sources.ts).
// Every file tsc's program already holds is handed over as it is (parsed
// and bound once); only the referenced sources are parsed again.
import type * as TS from "typescript";
import { noteReferencedSources, parseReference, referencedSources, resolveToSources } from "../compiler/input/reference-sources.js";

export function programToAnalyse(program: TS.Program, ts: typeof TS): TS.Program {
  if (!program.getResolvedProjectReferences()?.some((reference) => reference !== undefined)) return program;
  const options = program.getCompilerOptions();
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError) => {
    // tsc's program answers a referenced source's name with its declaration file: not that one.
    const held = program.getSourceFile(fileName);
    return held && held.fileName === fileName ? held : getSourceFile(fileName, languageVersionOrOptions, onError);
  };
  const sources = referencedSources(ts, program.getProjectReferences(), parseReference(ts));
  resolveToSources(ts, host, options, sources);
  const analysed = ts.createProgram({ rootNames: program.getRootFileNames(), options, host });
  noteReferencedSources(analysed, sources);
  return analysed;
}
