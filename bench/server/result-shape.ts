// What writing a result as its declared type costs: canonicalJson of a
// list of products with the result shape mizan-gen writes for it, against
// the same call without one, and with the value holding two keys its type
// lacks. Rounds alternate between the cases; best of 30, µs of process CPU
// per write.
//   node dist/bench/server/result-shape.js
import { canonicalJson, type ResultShape } from "mizan/protocol";

const product = (i: number) => ({ title: `Product ${i}`, sku: `sku-${i}`, price: i * 1.5, tags: ["kitchen", "sale"] });
const products = Array.from({ length: 100 }, (_, i) => product(i));
const leaky = products.map((p) => ({ ...p, cost: 0.5, supplier: "acme" }));
const shape: ResultShape = { items: { keys: { price: null, sku: null, tags: null, title: null } } };

const cases: Record<string, () => string> = {
  "no shape": () => canonicalJson(products),
  shape: () => canonicalJson(products, shape),
  "two extra keys, no shape": () => canonicalJson(leaky),
  "two extra keys, shape": () => canonicalJson(leaky, shape),
};
const best = Object.fromEntries(Object.keys(cases).map((name) => [name, Infinity]));
const WRITES = 1000;
for (let round = 0; round < 30; round++) {
  for (const [name, write] of Object.entries(cases)) {
    const start = process.cpuUsage();
    for (let i = 0; i < WRITES; i++) write();
    const used = process.cpuUsage(start);
    best[name] = Math.min(best[name]!, (used.user + used.system) / WRITES);
  }
}
console.log("canonicalJson of 100 products, CPU µs per write, best of 30 rounds\n");
console.log("| case | µs | ÷ no shape |\n| --- | ---: | ---: |");
for (const name of Object.keys(cases)) {
  const base = name.startsWith("two") ? best["two extra keys, no shape"]! : best["no shape"]!;
  console.log(`| ${name} | ${best[name]!.toFixed(1)} | ${(best[name]! / base).toFixed(2)}× |`);
}
