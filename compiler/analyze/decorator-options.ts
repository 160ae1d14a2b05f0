// Reads the options object of `@client({...})`. Each value is read from its
// type, so a literal, a const, a context handle or an imported name all work,
// as long as the build can know it.
import type * as TS from "typescript";
import { HTTP_METHODS, type HttpMethod } from "../../runtime/protocol/names.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import type { SourceLocation } from "../ir/types.js";
import { locate } from "../scan/location.js";
import { skipOuterExpressions } from "./outer-expressions.js";
import { unresolvedName } from "./unresolved-name.js";
import type { DecoratorOptions, NameRef } from "./drafts.js";

const KNOWN = new Set(["context", "affects", "private", "requireUser", "route", "methods", "scopeBy"]);
const METHODS = new Set<string>(HTTP_METHODS);

export function readDecoratorOptions(
  ts: TypeScript,
  checker: TS.TypeChecker,
  projectDir: string,
  call: TS.CallExpression,
  report: (d: Diagnostic) => void,
): DecoratorOptions {
  const options: DecoratorOptions = { context: null, affects: [], private: false, requireUser: null, route: null, methods: null, scopeBy: null };
  const at = (node: TS.Node) => locate(projectDir, node);
  const written = call.arguments[0];
  if (!written) return options;
  // `({ ... })`, `{ ... } as const` and `{ ... } satisfies …` are the literal itself.
  const arg = skipOuterExpressions(ts, written);
  if (!ts.isObjectLiteralExpression(arg)) {
    report(diagnostic("MZ1003", "clientOptions", at(written)));
    return options;
  }
  const unknown = (node: TS.Expression, what: string) => {
    // A name that does not resolve (a moved module, a renamed export) is not a computed value.
    const cause = unresolvedName(ts, checker, node);
    report(cause === undefined ? diagnostic("MZ1003", "value", at(node), what) : diagnostic("MZ2008", "option", at(node), what, cause));
  };

  for (const property of arg.properties) {
    if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) {
      report(diagnostic("MZ1003", "spread", at(property)));
      continue;
    }
    const key = property.name && ts.isIdentifier(property.name) ? property.name.text
      : property.name && ts.isStringLiteral(property.name) ? property.name.text : undefined;
    const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
    if (key === undefined || !KNOWN.has(key)) {
      report(diagnostic("MZ1004", "unknownOption", at(property.name), property.name.getText()));
      continue;
    }
    switch (key) {
      case "context": {
        const ref = nameRef(checker, value, at);
        if (ref) options.context = ref;
        else unknown(value, "the context");
        break;
      }
      case "affects":
        for (const element of listElements(ts, value)) {
          const ref = nameRef(checker, element, at);
          if (ref) options.affects.push(ref);
          else unknown(element, "the `affects` target");
        }
        break;
      case "private": {
        const type = checker.getTypeAtLocation(value);
        if (type.flags & ts.TypeFlags.BooleanLiteral) options.private = checker.typeToString(type) === "true";
        else unknown(value, "`private`");
        break;
      }
      case "requireUser": {
        const type = checker.getTypeAtLocation(value);
        if (type.flags & ts.TypeFlags.BooleanLiteral) options.requireUser = checker.typeToString(type) === "true";
        else unknown(value, "`requireUser`");
        break;
      }
      case "route": {
        const type = checker.getTypeAtLocation(value);
        if (type.isStringLiteral()) options.route = { value: type.value, location: at(value) };
        else unknown(value, "the route");
        break;
      }
      case "methods": {
        const methods: HttpMethod[] = [];
        const elements = listElements(ts, value);
        if (elements.length === 0) report(diagnostic("MZ1008", "empty", at(value)));
        for (const element of elements) {
          const type = checker.getTypeAtLocation(element);
          if (!type.isStringLiteral()) unknown(element, "the method");
          else if (!METHODS.has(type.value)) {
            report(diagnostic("MZ1008", "unknownMethod", at(element), type.value));
          } else if (!methods.includes(type.value as HttpMethod)) methods.push(type.value as HttpMethod);
        }
        options.methods = { value: methods.sort(), location: at(value) };
        break;
      }
      case "scopeBy": {
        options.scopeBy = [];
        for (const element of listElements(ts, value)) {
          const type = checker.getTypeAtLocation(element);
          if (type.isStringLiteral()) options.scopeBy.push({ name: type.value, location: at(element) });
          else unknown(element, "the `scopeBy` parameter name");
        }
        break;
      }
    }
  }
  return options;
}

/** The elements of an array literal, or the value itself. */
function listElements(ts: TypeScript, value: TS.Expression): TS.Expression[] {
  const inner = skipOuterExpressions(ts, value);
  return ts.isArrayLiteralExpression(inner) ? [...inner.elements] : [value];
}

/** A string literal type names something; a type with a literal `name` is a context handle. */
function nameRef(
  checker: TS.TypeChecker,
  value: TS.Expression,
  at: (node: TS.Node) => SourceLocation,
): NameRef | undefined {
  const type = checker.getTypeAtLocation(value);
  if (type.isStringLiteral()) return { name: type.value, byHandle: false, location: at(value) };
  const nameProperty = type.getProperty("name");
  const viewUrls = type.getProperty("viewUrls");
  if (nameProperty && viewUrls) {
    const nameType = checker.getTypeOfSymbol(nameProperty);
    if (nameType.isStringLiteral()) return { name: nameType.value, byHandle: true, location: at(value) };
  }
  return undefined;
}
