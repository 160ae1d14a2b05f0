// A unified diff (as `git diff` prints it) of a generated file on disk
// against what mizan-gen would write, for `--check`. Lines are compared with
// Myers' algorithm; hunks carry three lines of context.

const CONTEXT = 3;

/** Most diff lines --check prints: enough to see what changed, not a whole regenerated file in a CI log. */
export const MAX_DIFF_LINES = 200;

type Edit = { op: " " | "-" | "+"; line: string };

/** The diff's lines, headers included; empty when the texts are equal. */
export function unifiedDiff(path: string, before: string | undefined, after: string): string[] {
  const a = before === undefined ? [] : splitLines(before);
  const b = splitLines(after);
  const edits = diffLines(a, b);
  if (edits.every((e) => e.op === " ")) return [];
  const out = [`--- ${before === undefined ? "/dev/null" : `a/${path}`}`, `+++ b/${path}`];
  const changes = edits.flatMap((e, i) => (e.op === " " ? [] : [i]));
  // Changes whose contexts touch or overlap share one hunk.
  for (let c = 0; c < changes.length; ) {
    let last = c;
    while (last + 1 < changes.length && changes[last + 1]! - changes[last]! <= 2 * CONTEXT) last++;
    const start = Math.max(0, changes[c]! - CONTEXT);
    const end = Math.min(edits.length, changes[last]! + CONTEXT + 1);
    const hunk = edits.slice(start, end);
    const [oldStart, newStart] = positions(edits, start);
    const oldCount = hunk.filter((e) => e.op !== "+").length;
    const newCount = hunk.filter((e) => e.op !== "-").length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const e of hunk) out.push(e.op + e.line);
    c = last + 1;
  }
  return out;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** 1-based line numbers in the old and new text where edit `index` stands. */
function positions(edits: readonly Edit[], index: number): [number, number] {
  let oldLine = 1;
  let newLine = 1;
  for (let k = 0; k < index; k++) {
    if (edits[k]!.op !== "+") oldLine++;
    if (edits[k]!.op !== "-") newLine++;
  }
  return [oldLine, newLine];
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;
}

/**
 * Below this many differing lines, Myers' shortest edit script; its memory
 * grows with the count times the files' length, so beyond it the whole
 * file is shown as replaced (the output is capped anyway).
 */
const MAX_EDITS = 1000;

/** Myers' O((N+M)D) shortest edit script over lines. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const replaced = (): Edit[] => [...a.map((line): Edit => ({ op: "-", line })), ...b.map((line): Edit => ({ op: "+", line }))];
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    if (d > MAX_EDITS) return replaced();
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[max + k - 1]! < frontier[max + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : frontier[max + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) edits.push({ op: " ", line: a[--x]! }), y--;
    if (d > 0) {
      if (x === prevX) edits.push({ op: "+", line: b[--y]! });
      else edits.push({ op: "-", line: a[--x]! });
    }
  }
  return edits.reverse();
}
