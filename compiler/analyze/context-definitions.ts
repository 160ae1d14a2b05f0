// The analysis of `defineContext(name, { viewUrls })` calls: the wire name and
// the page URLs, both spelled out literally so the build can read them.
import type * as TS from "typescript";
import { CONTEXT_NAME_PATTERN } from "../../runtime/protocol/names.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import type { SourceLocation } from "../ir/types.js";
import { locate } from "../scan/location.js";
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
    report({ code: "MZ3005", message: "the first argument of defineContext is not a string literal", location });
    return undefined;
  }
  const name = nameType.value;
  if (!CONTEXT_NAME_PATTERN.test(name)) {
    report({ code: "MZ3003", message: `"${name}" is not a valid context name`, location });
    return undefined;
  }
  const definition: ContextDefinition = { name, viewUrls: [], location };
  if (optionsArg === undefined) return definition;
  const viewUrls = ts.isObjectLiteralExpression(optionsArg)
    ? optionsArg.properties.find((p) => p.name?.getText() === "viewUrls")
    : undefined;
  if (!ts.isObjectLiteralExpression(optionsArg) || (viewUrls && !ts.isPropertyAssignment(viewUrls))) {
    report({ code: "MZ1003", message: "the options of defineContext must be an object literal", location: locate(projectDir, optionsArg) });
    return definition;
  }
  if (!viewUrls || !ts.isPropertyAssignment(viewUrls)) return definition;
  const list = viewUrls.initializer;
  const elements = ts.isArrayLiteralExpression(list) ? list.elements : undefined;
  if (!elements) {
    report({ code: "MZ1003", message: "`viewUrls` must be an array literal of strings", location: locate(projectDir, list) });
    return definition;
  }
  for (const element of elements) {
    const type = checker.getTypeAtLocation(element);
    if (type.isStringLiteral()) definition.viewUrls.push({ value: type.value, location: locate(projectDir, element) });
    else report({ code: "MZ1003", message: "a view URL is not known at build time", location: locate(projectDir, element) });
  }
  return definition;
}
