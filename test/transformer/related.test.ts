// Under tspc, a Mizan diagnostic that names another place (a name declared
// twice) carries it as related information, as tsc's own "declared here".
import ts from "typescript";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { TypeScript } from "../../compiler/input/core-input.js";
import { toTsDiagnostic } from "../../transformer/diagnostics.js";

const file = ts.createSourceFile("/p/src/a.ts", "export class A {}\nexport class B {}\n", ts.ScriptTarget.Latest, true);
const program = { getSourceFile: (name: string) => (name === file.fileName ? file : undefined) } as unknown as ts.Program;
const at = (line: number) => ({ file: "src/a.ts", line, column: 1 });

test("the related location becomes relatedInformation, in the file, at its position", () => {
  const d = toTsDiagnostic(ts as unknown as TypeScript, program, "/p", {
    code: "MZ1005",
    message: 'function "B" is already declared at src/a.ts:1:1',
    location: at(2),
    related: { message: 'the first function "B"', location: at(1) },
  });
  const related = d.relatedInformation?.[0];
  assert.is(d.relatedInformation?.length, 1);
  assert.is(related?.file, file);
  assert.is(related?.start, 0);
  assert.is(related?.length, "export class A {}".length);
  assert.is(related?.messageText, 'the first function "B"');
});

test("a diagnostic without one has no relatedInformation", () => {
  const d = toTsDiagnostic(ts as unknown as TypeScript, program, "/p", { code: "MZ1010", message: "m", location: at(1) });
  assert.is("relatedInformation" in d, false);
});

test.run();
