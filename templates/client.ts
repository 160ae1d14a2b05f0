// IR → client.ts: typed stubs over mizan/client. Nothing from the server is
// imported, so a client bundle holds only these few lines and the runtime.
// Types describe the JSON: a Date the client receives is an ISO string, and
// one it sends may be a Date or a string.
import type { ContextIR, FunctionIR, ProjectIR, Schema } from "../compiler/ir/types.js";
import { block, blocks, bracketed, entry, group, hardline, indent, item, join, line, object, print, printAt, softline, type Doc, type PrintMemory } from "./doc.js";
import { HEADER } from "./header.js";
import { refsOf } from "../compiler/ir/schema-walk.js";
import { asReceived, inProperty, type NamedSchemas } from "../compiler/ir/as-received.js";
import { orderNamedTypes } from "./named-types.js";
import { namedTypeDeclaration, propertyKey, typeDoc, type TypeTextOptions } from "./ts-type.js";

export function clientTemplate(ir: ProjectIR, memory?: PrintMemory): string {
  const stubs = ir.functions.filter((f) => f.context === null && f.route === null && !f.private);
  const contexts = ir.contexts.filter((c) => c.functions.length > 0);
  const fnByName = new Map(ir.functions.map((f) => [f.name, f]));

  // A named type holding a Date reads differently when sent; it has an `…Input` twin.
  const twins = new Map(ir.types.flatMap((t) => (t.inputName === null ? [] : [[t.name, t.inputName] as const])));
  const inputName = (name: string) => twins.get(name) ?? name;
  const received: TypeTextOptions = { dates: "string", ref: (n) => n, optionalUndefined: true };
  const byName = new Map(ir.types.map((t) => [t.name, t.schema]));
  const named: NamedSchemas = (name) => byName.get(name);
  const sent: TypeTextOptions = { dates: "Date | string", ref: inputName, optionalUndefined: true, sent: true };

  const resultRoots = [
    ...stubs.map((f) => f.result),
    ...contexts.flatMap((c) => c.functions.map((n) => fnByName.get(n)!.result)),
  ];
  const paramRoots = [...stubs.flatMap((f) => f.params), ...contexts.flatMap((c) => c.params)].map((p) => p.schema);
  // One declaration serves both directions unless the type is sent otherwise than it arrives (its `…Input` twin).
  const receivedTypes = orderNamedTypes(ir.types, resultRoots, "output").order;
  const arriving = new Set(receivedTypes);
  const sentTypes = orderNamedTypes(ir.types, paramRoots, "input").order;
  const declarations: [string, string][] = [
    ...new Set([...receivedTypes, ...sentTypes.filter((t) => t.inputName === null)]),
  ].map((t) => {
    // What arrives, for a type a result reaches (one also sent otherwise has its twin below).
    const schema = arriving.has(t) ? inProperty(t.schema, named) : t.schema;
    return [t.name, printAt(namedTypeDeclaration(t.name, schema, received, true), 0)];
  });
  for (const t of sentTypes) {
    if (t.inputName !== null) declarations.push([t.inputName, printAt(namedTypeDeclaration(t.inputName, t.schema, sent, true), 0)]);
  }
  declarations.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const { endpoint, api, contextRef } = ir.names.client;
  // `contexts` is annotated (isolatedDeclarations infers no exported type); each handle's type arguments come from it.
  const contextTypes = contexts.map((c) => {
    const data = typeDoc(
      { kind: "object", properties: c.functions.map((n) => ({ name: n, schema: asReceived(fnByName.get(n)!.result, named), optional: false, nominal: false })), additional: null },
      received,
    );
    const typeArgs = group(["<", indent([softline, paramsType(c, sent), ",", line, data]), softline, ">"]);
    return printAt([propertyKey(c.name), `: ${contextRef}`, typeArgs, ";"], 2);
  });
  const contextRefs = contexts.map((c) => item([propertyKey(c.name), `: ${api}.context(${JSON.stringify(c.name)})`], 2));

  // A stub's text depends on its function, on its parameters' types' `…Input` twins, on its
  // result as received (a named type holding undefined is written out) and on the endpoint's name.
  const functions = stubs.map((f) => {
    const sentNames = () => f.params.flatMap((p) => [...refsOf(p.schema, "input")].map(inputName));
    const result = asReceived(f.result, named);
    return entry(memory, () => [f.name, f.params, result, f.affects, sentNames(), api], 0, () => stub(f, result, api, sent, received));
  });

  return print([
    HEADER,
    hardline,
    `import { ${[
      endpoint === "endpoint" ? endpoint : `endpoint as ${endpoint}`,
      ...(contexts.length === 0 ? [] : [`type ${contextRef === "ContextRef" ? contextRef : `ContextRef as ${contextRef}`}`]),
    ].join(", ")} } from "mizan/client";`,
    hardline,
    hardline,
    blocks([
      join([hardline, hardline], declarations.map(([, d]) => d)),
      `const ${api} = ${endpoint}(${JSON.stringify(ir.basePath)});`,
      contexts.length === 0 ? "export const contexts = {};" : ["export const contexts: ", block(contextTypes), " = ", block(contextRefs), ";"],
      join([hardline, hardline], functions),
    ]),
  ]);
}

/** `result`: the function's result as it arrives. */
function stub(f: FunctionIR, result: Schema, api: string, sent: TypeTextOptions, received: TypeTextOptions): Doc {
  // An optional parameter before a required one stays in its place: it takes undefined instead of `?`.
  const trailing = (i: number) => f.params.slice(i).every((p) => p.optional);
  const params = f.params.map((p, i): Doc => {
    const type = typeDoc(p.schema, sent);
    if (!p.optional || trailing(i)) return [p.name, p.optional ? "?" : "", ": ", type];
    return [p.name, ": ", p.schema.kind === "unknown" ? type : [type, " | undefined"]];
  });
  const resultType = f.result.kind === "void" ? "void" : typeDoc(result, received);
  const args = object(f.params.map((p) => p.name));
  return [
    `/** ${describe(f)} */`,
    hardline,
    `export function ${f.name}`,
    bracketed("(", params, ")", false),
    ": Promise<",
    resultType,
    "> {",
    indent([hardline, `return ${api}.call(${JSON.stringify(f.name)}, `, args, ");"]),
    hardline,
    "}",
  ];
}

function paramsType(context: ContextIR, options: TypeTextOptions): Doc {
  return typeDoc({ kind: "object", properties: context.params, additional: null }, options);
}

/** `Calls the server function updateProfile; invalidates user (by userId).` */
function describe(f: FunctionIR): string {
  const targets = f.affects.map(
    (a) => `${a.context}${a.fn ? `.${a.fn}` : ""}${a.scope.length > 0 ? ` (by ${a.scope.join(", ")})` : ""}`,
  );
  return `Calls the server function ${f.name}${targets.length > 0 ? `; invalidates ${targets.join(", ")}` : ""}.`;
}
