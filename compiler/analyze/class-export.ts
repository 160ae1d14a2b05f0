// Why the route table cannot import the class of a @client method (MZ1002):
// routes.ts imports a class declared at the top level of its module and
// exported as a value, by name, and calls `Class.method(...)`.
import type * as TS from "typescript";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TypeScript } from "../input/core-input.js";
import type { SourceLocation } from "../ir/types.js";
import { exportsOf } from "./schema/import-specifier.js";

export function unexportedClass(ts: TypeScript, checker: TS.TypeChecker, cls: TS.ClassLikeDeclaration, location: SourceLocation): Diagnostic {
  if (ts.isClassExpression(cls)) {
    const holder = ts.isVariableDeclaration(cls.parent) && ts.isIdentifier(cls.parent.name) ? `${cls.parent.name.text} = ` : "";
    return diagnostic("MZ1002", "expression", location, `\`${holder}class { … }\``);
  }
  const name = cls.name?.text ?? "(anonymous class)";
  if (!ts.isSourceFile(cls.parent)) return diagnostic("MZ1002", "nested", location, name, container(ts, cls.parent));
  if (exportsOf(ts, checker, cls).some((e) => e.typeOnly)) return diagnostic("MZ1002", "typeOnly", location, name);
  return diagnostic("MZ1002", "notExported", location, name);
}

/** What a class not at the top level of its module is declared in: `namespace A.B`, or a function or block. */
function container(ts: TypeScript, node: TS.Node): string {
  if (ts.isModuleBlock(node)) {
    const names: string[] = [];
    for (let m: TS.Node = node.parent; ts.isModuleDeclaration(m) || ts.isModuleBlock(m); m = m.parent) {
      if (ts.isModuleDeclaration(m)) names.unshift(m.name.getText());
    }
    return `namespace \`${names.join(".")}\``;
  }
  return ts.findAncestor(node, ts.isFunctionLike) ? "a function" : "a block";
}
