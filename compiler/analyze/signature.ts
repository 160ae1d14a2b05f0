// A method's wire signature: the injected `Req`, the named wire parameters
// and the awaited result, each typed by the checker.
import type * as TS from "typescript";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Param, Schema, SourceLocation } from "../ir/types.js";
import type { MizanSymbols } from "../scan/mizan-symbols.js";
import { startWalk, typeToSchema, type SchemaBuilder, type Walk } from "./schema/index.js";
import { withoutUndefined } from "./schema/union.js";
import { locate } from "./location.js";

export interface Signature {
  takesReq: boolean;
  params: Param[];
  /** Where each wire parameter is declared, for later diagnostics. */
  paramLocations: Record<string, SourceLocation>;
  result: Schema;
}

export function readSignature(
  b: SchemaBuilder,
  symbols: MizanSymbols,
  method: TS.MethodDeclaration,
  report: (d: Diagnostic) => void,
): Signature {
  const { ts, checker, projectDir } = b;
  const out: Signature = { takesReq: false, params: [], paramLocations: {}, result: { kind: "void" } };
  method.parameters.forEach((parameter, index) => {
    const location = locate(projectDir, parameter);
    const type = checker.getTypeAtLocation(parameter);
    if (symbols.isReq(withoutNullish(b, type))) {
      if (index === 0) out.takesReq = true;
      else report({ code: "MZ2005", message: "the `Req` parameter must come first", location });
      return;
    }
    if (!ts.isIdentifier(parameter.name)) {
      report({ code: "MZ2004", message: "a wire parameter must be a plain name, not a destructuring pattern", location });
      return;
    }
    const name = parameter.name.text;
    if (parameter.dotDotDotToken) {
      report({ code: "MZ2004", message: `the rest parameter \`...${name}\` has no wire name`, location });
      return;
    }
    const walk = startWalk(false);
    const { schema, undefinedAllowed } = withoutUndefined(typeToSchema(b, type, walk));
    reportProblems(walk, `(parameter "${name}")`, location, report);
    out.params.push({
      name,
      schema,
      optional: undefinedAllowed || parameter.questionToken !== undefined || parameter.initializer !== undefined,
      nominal: walk.notes.nominal,
    });
    out.paramLocations[name] = location;
  });

  const signature = checker.getSignatureFromDeclaration(method);
  if (signature) {
    const returned = checker.getReturnTypeOfSignature(signature);
    const awaited = checker.getAwaitedType(returned) ?? returned;
    const walk = startWalk(true);
    out.result = typeToSchema(b, awaited, walk);
    reportProblems(walk, "(return)", locate(projectDir, method.type ?? method.name), report);
  }
  return out;
}

function withoutNullish(b: SchemaBuilder, type: TS.Type): TS.Type {
  return b.checker.getNonNullableType(type);
}

function reportProblems(walk: Walk, root: string, location: SourceLocation, report: (d: Diagnostic) => void): void {
  for (const p of walk.notes.problems) report({ code: "MZ2001", message: `${root}${p.path}: ${p.message}`, location });
}
