// The regular expressions of template literal types match what TypeScript
// admits, and in linear time: random templates and strings, each string
// checked by the checker itself (a string literal assigned to the template)
// and by the pattern mizan-gen writes for it.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import ts from "typescript";
import type { SchemaBuilder } from "../../compiler/analyze/schema/builder.js";
import { stringPattern } from "../../compiler/analyze/schema/template.js";
import { typeText } from "../../compiler/analyze/schema/primitive.js";
import { fastest } from "../support/timing.js";

const TEXTS = ["", "", "-", ".", "px", "e", "a", "--", "/", ".json"];
const HOLES = ["string", "number", "bigint"];
const CHARS = ["-", ".", "1", "0", "e", "a", "p", "x", "+", "/", "j", "s", "o", "n"];

interface Case {
  template: string;
  strings: string[];
}

/** Each template's pattern, and which of its strings the checker admits, from one program. */
function judge(cases: readonly Case[]): { pattern: RegExp; admitted: boolean[] }[] {
  const lines: string[] = [];
  const where: { c: number; s: number }[] = [];
  cases.forEach((c, i) => {
    lines.push(`type T${i} = \`${c.template}\`;`);
    where.push({ c: -1, s: -1 });
    c.strings.forEach((text, j) => {
      // JSON leaves U+2028 and U+2029 as they are, which TypeScript reads as line ends.
      lines.push(`const v${i}_${j}: T${i} = ${JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)};`);
      where.push({ c: i, s: j });
    });
  });
  const fileName = "/cases.ts";
  const source = ts.createSourceFile(fileName, lines.join("\n"), ts.ScriptTarget.ES2022, true);
  const options: ts.CompilerOptions = { strict: true, noEmit: true, noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === fileName ? source : getSourceFile(name, version));
  const program = ts.createProgram([fileName], options, host);
  const checker = program.getTypeChecker();
  const refused = new Set<number>();
  for (const d of program.getSemanticDiagnostics(source)) refused.add(source.getLineAndCharacterOfPosition(d.start!).line);
  const builder = { ts, checker } as unknown as SchemaBuilder;
  const aliases = source.statements.filter(ts.isTypeAliasDeclaration);
  return cases.map((c, i) => {
    const pattern = stringPattern(builder, checker.getTypeAtLocation(aliases[i]!.name));
    assert.ok(pattern !== undefined, c.template);
    const admitted = c.strings.map((_, j) => !refused.has(where.findIndex((w) => w.c === i && w.s === j)));
    return { pattern: new RegExp(`^(?:${pattern})$`), admitted };
  });
}

const template = fc
  .tuple(fc.constantFrom(...TEXTS), fc.array(fc.tuple(fc.constantFrom(...HOLES), fc.constantFrom(...TEXTS)), { minLength: 1, maxLength: 3 }))
  .map(([first, rest]) => first + rest.map(([hole, text]) => `\${${hole}}${text}`).join(""));
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 9 }).map((chars) => chars.join(""));
/** What a hole may be filled with: valid and invalid numbers, and text holding the templates' texts. */
const FILLS = ["", "1", "-1", "+1.5", "1.", ".5", "0x1F", "1e5", "1e", "a", "-", ".", "e", "1-1", "1.2.3", "px", "/", "a.json"];

/** A case: a template, strings built from it (its holes filled, some then cut or grown), and random strings. */
const templateCase = template.chain((t) => {
  const parts = t.split(/\$\{(?:string|number|bigint)\}/);
  const built = fc
    .tuple(fc.array(fc.constantFrom(...FILLS), { minLength: parts.length - 1, maxLength: parts.length - 1 }), fc.constantFrom("", "", "x", "-", "."))
    .map(([fills, extra]) => parts.reduce((out, part, i) => out + part + (fills[i] ?? ""), "") + extra);
  return fc.record({ template: fc.constant(t), strings: fc.tuple(fc.array(built, { minLength: 30, maxLength: 30 }), fc.array(text, { minLength: 10, maxLength: 10 })).map(([a, b]) => [...a, ...b]) });
});

test("a template literal's pattern admits exactly the strings TypeScript admits", () => {
  const cases = fc.sample(templateCase, { numRuns: 80, seed: 20261128 });
  let admittedSeen = 0;
  judge(cases).forEach(({ pattern, admitted }, i) => {
    cases[i]!.strings.forEach((s, j) => {
      assert.is(pattern.test(s), admitted[j], `\`${cases[i]!.template}\` ${JSON.stringify(s)}`);
      if (admitted[j]) admittedSeen++;
    });
  });
  assert.ok(admittedSeen > 100, `only ${admittedSeen} admitted strings: the cases test refusals alone`);
});

test("the split is TypeScript's: a hole ends at the first occurrence of the text after it", () => {
  const [number, strings] = judge([
    { template: "${number}-${string}", strings: ["-1-a", "1-a", "1--a"] },
    { template: "v${number}.${number}", strings: ["v.5.3", "v1.5.3", "v1.2"] },
  ]);
  assert.equal(number!.admitted, [false, true, true]);
  assert.equal([number!.pattern.test("-1-a"), number!.pattern.test("1--a")], [false, true]);
  assert.equal(strings!.admitted, [false, true, true]);
  assert.equal(["v.5.3", "v1.5.3", "v1.2"].map((s) => strings!.pattern.test(s)), [false, true, true]);
});

test("control characters, surrogates and text outside ASCII are matched as the type has them, and written as escapes", () => {
  const typed = "cr\r|\ttab\0nul\u2029ps\ud800lone\u00e9\ud83d\ude00\u200b\u0085";
  const [edge] = judge([
    {
      template: "cr\\r${string}\\ttab\\0nul\\u2029ps\\uD800lone\\u00e9\\uD83D\\uDE00\\u200b\\u0085",
      strings: [typed.replace("|", "Z"), typed.replace("|", "Z").replace("\ud800", "\ufffd")],
    },
  ]);
  assert.equal(edge!.admitted, [true, false]);
  assert.equal([typed.replace("|", "Z"), typed.replace("|", "Z").replace("\ud800", "\ufffd")].map((s) => edge!.pattern.test(s)), [true, false]);
  // routes.ts stays printable text: no control character, surrogate or line separator is written as itself.
  assert.not.match(edge!.pattern.source, /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ud800-\udfff\ufeff]/);
});

test("a template literal's text for messages: what a reader sees as itself, the unseen escaped", () => {
  const fileName = "/form.ts";
  const source = ts.createSourceFile(fileName, "type T = `a\\u0001b\u007fc\\u2028d\\uD800e\\u00e9\\uD83D\\uDE00\\\\u00e9\\t${string}`;", ts.ScriptTarget.ES2022, true);
  const options: ts.CompilerOptions = { noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === fileName ? source : getSourceFile(name, version));
  const checker = ts.createProgram([fileName], options, host).getTypeChecker();
  const alias = source.statements.find(ts.isTypeAliasDeclaration)!;
  const text = typeText({ ts, checker } as unknown as SchemaBuilder, checker.getTypeAtLocation(alias.name));
  assert.is(text, "`a\\u0001b\\u007fc\\u2028d\\ud800eé😀\\\\u00e9\\t${string}`");
});

test("a refusal takes about as long as a match of the same length, however many holes", () => {
  const [paths, pixels, keys] = judge([
    { template: "${string}/${string}/${string}.json", strings: [] },
    { template: "${number}px", strings: [] },
    { template: "${number}-${number}-${string}.json", strings: [] },
  ]).map((j) => j.pattern);
  const n = 20_000;
  for (const [pattern, bad, good] of [
    [paths!, "/".repeat(n) + ".jso", "a/".repeat(n / 2) + ".json"],
    [pixels!, "1".repeat(n) + "p", "1".repeat(n - 2) + "px"],
    [keys!, "1-".repeat(n / 2) + ".jso", "1-1-" + "x".repeat(n - 9) + ".json"],
  ] as const) {
    assert.is(pattern.test(bad), false);
    assert.is(pattern.test(good), true);
    const ratio = fastest(() => pattern.test(bad)) / Math.max(fastest(() => pattern.test(good)), 0.005);
    assert.ok(ratio < 20, `${pattern.source.slice(0, 40)}…: a refusal took ${ratio.toFixed(1)}× a match`);
  }
});

test.run();
