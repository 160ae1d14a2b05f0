// IR → client.ts: typed stubs over mizan/client. Nothing from the server is
// imported, so a client bundle holds only these few lines and the runtime.
// Types describe the JSON: a Date the client receives is an ISO string, and
// one it sends may be a Date or a string.
import type { ContextIR, FunctionIR, ProjectIR } from "../compiler/ir/types.js";
import { HEADER } from "./header.js";
import { orderNamedTypes, typesHoldingDates } from "./named-types.js";
import { namedTypeDeclaration, propertyKey, typeText, type TypeTextOptions } from "./ts-type.js";

export function clientTemplate(ir: ProjectIR): string {
  const stubs = ir.functions.filter((f) => f.context === null && f.route === null && !f.private);
  const contexts = ir.contexts.filter((c) => c.functions.length > 0);
  const fnByName = new Map(ir.functions.map((f) => [f.name, f]));

  // A named type holding a Date reads differently when sent; it gets an `…Input` twin.
  const withDates = typesHoldingDates(ir.types);
  const inputName = (name: string) => (withDates.has(name) ? `${name}Input` : name);
  const received: TypeTextOptions = { dates: "string", ref: (n) => n };
  const sent: TypeTextOptions = { dates: "Date | string", ref: inputName };

  const resultRoots = [
    ...stubs.map((f) => f.result),
    ...contexts.flatMap((c) => c.functions.map((n) => fnByName.get(n)!.result)),
  ];
  const paramRoots = [...stubs.flatMap((f) => f.params), ...contexts.flatMap((c) => c.params)].map((p) => p.schema);
  // One declaration serves both directions unless the type holds a Date.
  const receivedTypes = orderNamedTypes(ir.types, resultRoots).order;
  const sentTypes = orderNamedTypes(ir.types, paramRoots).order;
  const declarations = [
    ...new Set([...receivedTypes, ...sentTypes.filter((t) => !withDates.has(t.name))]),
  ].map((t) => namedTypeDeclaration(t.name, t.schema, received, true));
  for (const t of sentTypes.filter((t) => withDates.has(t.name))) {
    declarations.push(namedTypeDeclaration(inputName(t.name), t.schema, sent, true));
  }
  declarations.sort(byDeclaredName);

  const contextRefs = contexts.map((c) => {
    const data = c.functions.map((n) => `${propertyKey(n)}: ${typeText(fnByName.get(n)!.result, received)}`);
    return `${propertyKey(c.name)}: $api.context<${paramsType(c, sent)}, { ${data.join("; ")} }>(${JSON.stringify(c.name)}),`;
  });

  const functions = stubs.map((f) => {
    const params = f.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${typeText(p.schema, sent)}`);
    const result = f.result.kind === "void" ? "void" : typeText(f.result, received);
    return `/** ${describe(f)} */
export function ${f.name}(${params.join(", ")}): Promise<${result}> {
  return $api.call(${JSON.stringify(f.name)}, { ${f.params.map((p) => p.name).join(", ")} });
}`;
  });

  return [
    `${HEADER}\nimport { endpoint } from "mizan/client";`,
    ...declarations,
    `const $api = endpoint(${JSON.stringify(ir.basePath)});`,
    `export const contexts = {\n${contextRefs.join("\n")}\n};`,
    ...functions,
  ].join("\n\n");
}

function paramsType(context: ContextIR, options: TypeTextOptions): string {
  return typeText(
    { kind: "object", properties: context.params.map((p) => ({ ...p })), additional: null },
    options,
  );
}

/** `Users.updateProfile: invalidates user (by userId), notifications.` */
function describe(f: FunctionIR): string {
  const targets = f.affects.map(
    (a) => `${a.context}${a.fn ? `.${a.fn}` : ""}${a.scope.length > 0 ? ` (by ${a.scope.join(", ")})` : ""}`,
  );
  return `Calls the server function ${f.name}${targets.length > 0 ? `; invalidates ${targets.join(", ")}` : ""}.`;
}

function byDeclaredName(a: string, b: string): number {
  const name = (text: string) => /(?:interface|type) (\S+)/.exec(text)![1]!;
  return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
}
