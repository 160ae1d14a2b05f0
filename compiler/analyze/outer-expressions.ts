// What a written value is beneath the wrappers that leave it as it is:
// parentheses, `as` (`as const` too), `satisfies`, `!` and `<T>` assertions.
// The build reads the literal inside, which is the value at run time.
import type * as TS from "typescript";
import type { TypeScript } from "../input/core-input.js";

export function skipOuterExpressions(ts: TypeScript, node: TS.Expression): TS.Expression {
  let inner = node;
  while (
    ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) ||
    ts.isNonNullExpression(inner) || ts.isTypeAssertionExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}
