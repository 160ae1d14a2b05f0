// The private-call rules for one client file, shared by every host:
//   MZ5001  the runtime's `call` (or an endpoint's) names a private function,
//           or a private @client method of a server class is used directly;
//   MZ5002  the runtime's `call` names no @client function at all, or one the
//           server never answers at /call/ (a context's read, a view path).
// Only calls whose function name is a string literal (in parentheses or under
// a type assertion too) can be checked; a computed name is left alone. The
// name is `call`'s first argument, or the one after `this` when `call` is
// itself called through `.call`, `.apply` (an array's first element) or
// `.bind` (a function bound to its `this` alone, `api.call.bind(api)`, is
// `call` too). How an expression is resolved (the checker, or the file's imports
// when there is no program) is the resolver's job.
import type * as TS from "typescript";
import { locate } from "../scan/location.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import { closest } from "../diagnostics/suggest.js";
import type { CallTable } from "./table.js";

export interface ClientResolver {
  /** Is this callee (already unwrapped) the runtime's `call`, top-level or an endpoint's? */
  isRuntimeCall(callee: TS.Expression): boolean;
  /** Does `Class.name` (`name` being a private function's) reach that @client method? */
  isPrivateMethod(access: TS.PropertyAccessExpression | TS.ElementAccessExpression, name: string): boolean;
}

/** Cheap text test: a file that spells neither `call` nor a private name has nothing to check. */
export function mayCall(text: string, table: CallTable): boolean {
  if (text.includes("call")) return true;
  for (const name of table.private) if (text.includes(name)) return true;
  return false;
}

export function checkClientFile(
  ts: TypeScript,
  file: TS.SourceFile,
  table: CallTable,
  resolver: ClientResolver,
  projectDir: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (!mayCall(file.text, table)) return diagnostics;
  const callable = [...table.known].filter((name) => !table.private.has(name));

  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) {
      const first = namedBy(ts, node, resolver);
      if (first) {
        const name = first.text;
        const location = locate(projectDir, first);
        const uncallable = table.uncallable.get(name);
        if (table.private.has(name)) {
          diagnostics.push(diagnostic("MZ5001", "calls", location, name));
        } else if (uncallable !== undefined) {
          diagnostics.push(
            "context" in uncallable
              ? diagnostic("MZ5002", "contextRead", location, name, uncallable.context)
              : diagnostic("MZ5002", "viewPath", location, name, uncallable.route),
          );
        } else if (!table.known.has(name)) {
          const best = closest(name, callable);
          const hint = best === undefined ? "" : `; did you mean "${best}"?`;
          diagnostics.push(diagnostic("MZ5002", "unknownCall", location, name, hint));
        }
      }
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const key = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
      const name = ts.isIdentifier(key) || ts.isStringLiteralLike(key) ? key.text : undefined;
      if (name !== undefined && table.private.has(name) && resolver.isPrivateMethod(node, name)) {
        const what = `${node.expression.getText(file)}.${name}`;
        diagnostics.push(diagnostic("MZ5001", "uses", locate(projectDir, key), what));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return diagnostics;
}

/** The literal that names the function when `node` calls the runtime's `call`, directly or through `.call`, `.apply` or `.bind`. */
function namedBy(ts: TypeScript, node: TS.CallExpression, resolver: ClientResolver): TS.StringLiteralLike | undefined {
  const callee = boundTarget(ts, unwrap(ts, node.expression)) ?? unwrap(ts, node.expression);
  const first = node.arguments[0] && literalOf(ts, node.arguments[0]);
  if (first && resolver.isRuntimeCall(callee)) return first;
  const method = memberName(ts, callee);
  if (method !== "call" && method !== "apply" && method !== "bind") return undefined;
  let named = node.arguments[1] && unwrap(ts, node.arguments[1]);
  if (named && method === "apply") named = ts.isArrayLiteralExpression(named) && named.elements[0] ? named.elements[0] : undefined;
  const literal = named && literalOf(ts, named);
  const target = unwrap(ts, (callee as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
  return literal && resolver.isRuntimeCall(boundTarget(ts, target) ?? target) ? literal : undefined;
}

/** `f.bind(thisArg)` (no argument bound, bound again or not): `f`, which it calls with the same arguments; undefined for anything else. */
export function boundTarget(ts: TypeScript, node: TS.Expression): TS.Expression | undefined {
  let target: TS.Expression | undefined;
  for (let bound = node; ts.isCallExpression(bound) && bound.arguments.length <= 1; ) {
    const callee = unwrap(ts, bound.expression);
    if (memberName(ts, callee) !== "bind") break;
    bound = target = unwrap(ts, (callee as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
  }
  return target;
}

/** `x.name` or `x["name"]`: the name; undefined for anything else. */
export function memberName(ts: TypeScript, node: TS.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  return undefined;
}

/** A property's name in a binding or literal when it is known as written: `call`, `"call"`, `["call"]`. */
export function keyText(ts: TypeScript, key: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(key) || ts.isStringLiteralLike(key)) return key.text;
  if (ts.isComputedPropertyName(key) && ts.isStringLiteralLike(key.expression)) return key.expression.text;
  return undefined;
}

/** The string literal an argument is, under parentheses and type assertions (`("name")`, `"name" as string`). */
function literalOf(ts: TypeScript, node: TS.Expression): TS.StringLiteralLike | undefined {
  const inner = unwrap(ts, node);
  return ts.isStringLiteralLike(inner) ? inner : undefined;
}

/** An expression under parentheses, type assertions and a comma's last operand (`(0, call)`, which bundlers write). */
export function unwrap(ts: TypeScript, node: TS.Expression): TS.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) {
      node = node.expression;
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      node = node.right;
    } else return node;
  }
}

