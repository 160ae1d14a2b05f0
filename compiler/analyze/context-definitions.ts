// The analysis of `defineContext(name, { viewUrls })` calls: the wire name and
// the page URLs, both spelled out literally so the build can read them.
import type * as TS from "typescript";
import { CONTEXT_NAME_PATTERN } from "../../runtime/protocol/names.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import type { SourceLocation } from "../ir/types.js";
import { locate } from "../scan/location.js";
import { skipOuterExpressions } from "./outer-expressions.js";
import type { ContextDefinition } from "./drafts.js";

export function readContextDefinition(
  ts: TypeScript,
  checker: TS.TypeChecker,
  projectDir: string,
  call: TS.CallExpression,
  report: (d: Diagnostic) => void,
): ContextDefinition | undefined {
  const [nameArg, optionsArg] = call.arguments;
  const location = locate(projectDir, nameArg ?? call);
  const nameType = nameArg ? checker.getTypeAtLocation(nameArg) : undefined;
  if (!nameType?.isStringLiteral()) {
    report(diagnostic("MZ3005", "notLiteral", location));
    return undefined;
  }
  const name = nameType.value;
  if (!CONTEXT_NAME_PATTERN.test(name)) {
    report(diagnostic("MZ3003", "invalidName", location, name));
    return undefined;
  }
  const definition: ContextDefinition = { name, viewUrls: [], location };
  if (optionsArg === undefined) return definition;
  // A literal in parentheses, `as const` or `satisfies …` is the literal.
  const options = skipOuterExpressions(ts, optionsArg);
  const viewUrls = ts.isObjectLiteralExpression(options)
    ? options.properties.find((p) => p.name?.getText() === "viewUrls")
    : undefined;
  if (!ts.isObjectLiteralExpression(options) || (viewUrls && !ts.isPropertyAssignment(viewUrls))) {
    report(diagnostic("MZ1003", "contextOptions", locate(projectDir, optionsArg)));
    return definition;
  }
  if (!viewUrls || !ts.isPropertyAssignment(viewUrls)) return definition;
  const list = skipOuterExpressions(ts, viewUrls.initializer);
  const elements = ts.isArrayLiteralExpression(list) ? list.elements : undefined;
  if (!elements) {
    report(diagnostic("MZ1003", "viewUrls", locate(projectDir, viewUrls.initializer)));
    return definition;
  }
  for (const element of elements) {
    const type = checker.getTypeAtLocation(element);
    if (type.isStringLiteral()) definition.viewUrls.push({ value: type.value, location: locate(projectDir, element) });
    else report(diagnostic("MZ1003", "viewUrl", locate(projectDir, element)));
  }
  return definition;
}
