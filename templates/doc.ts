// A small Wadler-style pretty printer for the generated TypeScript. A group
// prints flat on one line when it fits the width, and broken otherwise, its
// `line`s becoming newlines at the current indent. The templates build docs
// and print them in one pass: formatting costs milliseconds where a general
// formatter cost seconds at 1,000 functions, and it runs synchronously, as a
// TypeScript transformer must.
//
// The templates print each repeated part (an entry, a declaration) as soon as
// it is built and keep only its text: V8 moves an allocation site whose
// objects survive to long-lived allocation, so docs kept for a whole file made
// every later doc garbage of the old generation, which raised the peak memory
// of a tspc build by a fifth.

export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak;

interface Group {
  kind: "group";
  doc: Doc;
  /** Holds a hard line, so it can never print flat (computed once, when built). */
  hard: boolean;
}
interface Indent {
  kind: "indent";
  doc: Doc;
}
interface Line {
  kind: "line";
  /** What the line prints when its group is flat. */
  flat: string;
  /** Always breaks, and breaks every group around it. */
  hard: boolean;
}
interface IfBreak {
  kind: "ifBreak";
  broken: Doc;
  flat: Doc;
}

export const line: Line = { kind: "line", flat: " ", hard: false };
export const softline: Line = { kind: "line", flat: "", hard: false };
export const hardline: Line = { kind: "line", flat: "", hard: true };

export function group(doc: Doc): Doc {
  return { kind: "group", doc, hard: containsHardline(doc) };
}

export function indent(doc: Doc): Doc {
  return { kind: "indent", doc };
}

export function ifBreak(broken: Doc, flat: Doc = ""): Doc {
  return { kind: "ifBreak", broken, flat };
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const out: Doc[] = [];
  for (let i = 0; i < docs.length; i++) {
    if (i > 0) out.push(separator);
    out.push(docs[i]!);
  }
  return out;
}

/** `open items close`, flat as `{ a, b }` (with `pad`) or one item per line with a trailing comma. */
export function bracketed(open: string, items: readonly Doc[], close: string, pad: boolean): Doc {
  if (items.length === 0) return open + close;
  const edge = pad ? line : softline;
  return group([open, indent([edge, join([",", line], items), ifBreak(",")]), edge, close]);
}

export function object(entries: readonly Doc[]): Doc {
  return bracketed("{", entries, "}", true);
}

export function array(items: readonly Doc[]): Doc {
  return bracketed("[", items, "]", false);
}

/**
 * `callee(args)`. A lone object or array argument hugs the parentheses
 * (`z.object({` … `})`) instead of moving to a line of its own.
 */
export function call(callee: Doc, args: readonly Doc[], hug = false): Doc {
  if (hug && args.length === 1) return [callee, "(", args[0]!, ")"];
  return [callee, bracketed("(", args, ")", false)];
}

/** Statements separated by blank lines. */
export function blocks(docs: readonly Doc[]): Doc {
  return join([hardline, hardline], docs.filter((d) => d !== "" && !(Array.isArray(d) && d.length === 0)));
}

/** A whole file, ending in a newline (one string, built in one join: files run to megabytes). */
export function print(doc: Doc, width = 100): string {
  return printAt([doc, hardline], 0, width);
}

/**
 * Prints a doc whose first line the caller places at column `indent`; its
 * later lines carry their own indentation. No final newline.
 */
export function printAt(doc: Doc, indent: number, width = 100): string {
  const out: string[] = [];
  let column = indent;
  // Where the last line break stands while nothing has followed it: a line
  // left empty must not keep the indentation written after its break.
  let lastBreak = -1;
  // The stack as three parallel arrays (indent, broken?, doc): printing a
  // large file pushes millions of frames, and tuples would each allocate.
  const indents: number[] = [indent];
  const modes: boolean[] = [true];
  const docs: Doc[] = [doc];
  while (docs.length > 0) {
    const ind = indents.pop()!;
    const broken = modes.pop()!;
    const d = docs.pop()!;
    if (typeof d === "string") {
      if (d !== "") out.push(d);
      column += d.length;
    } else if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) {
        indents.push(ind);
        modes.push(broken);
        docs.push(d[i]!);
      }
    } else {
      const node = d as Group | Indent | Line | IfBreak;
      switch (node.kind) {
        case "indent":
          indents.push(ind + 2);
          modes.push(broken);
          docs.push(node.doc);
          break;
        case "ifBreak":
          indents.push(ind);
          modes.push(broken);
          docs.push(broken ? node.broken : node.flat);
          break;
        case "line":
          if (broken || node.hard) {
            if (lastBreak === out.length - 1) out[lastBreak] = "\n";
            out.push(newline(ind));
            lastBreak = out.length - 1;
            column = ind;
          } else {
            if (node.flat !== "") out.push(node.flat);
            column += node.flat.length;
          }
          break;
        case "group":
          // Inside a flat group nothing breaks; otherwise break unless it fits.
          indents.push(ind);
          modes.push(broken && (node.hard || !fits(node.doc, width - column, modes, docs)));
          docs.push(node.doc);
          break;
      }
    }
  }
  return out.join("");
}

/** `{`, one item per line, `}`: for the long, repeated parts of a file, whose items come printed (`item`). */
export function block(items: readonly string[]): Doc {
  if (items.length === 0) return "{}";
  return ["{", indent([hardline, join(hardline, items)]), hardline, "}"];
}

/** An entry of a `block` printed at the block's indent, with its comma (which counts toward the width). */
export function item(doc: Doc, indent: number): string {
  return printAt([doc, ","], indent);
}

/** Printed entries by key, kept between renders of one project (watch mode). */
export type PrintMemory = Map<string, string>;

/**
 * An entry printed now, or, with a memory, once per distinct key and then
 * reused: in watch mode a regeneration re-prints only the entries whose IR
 * changed. The key is computed only when there is a memory. The text is
 * placed at `indent` (its later lines carry their own indentation).
 */
export function entry(memory: PrintMemory | undefined, key: () => unknown, indent: number, make: () => Doc): string {
  if (memory === undefined) return printAt(make(), indent);
  const id = `${indent}\u0000${JSON.stringify(key())}`;
  let text = memory.get(id);
  if (text === undefined) {
    text = printAt(make(), indent);
    memory.set(id, text);
  }
  return text;
}

const NEWLINES: string[] = [];

function newline(indent: number): string {
  return (NEWLINES[indent] ??= "\n" + " ".repeat(indent));
}

/**
 * Does `doc`, printed flat, fit in `room` together with what follows it on
 * the same line (the rest of the stack, up to its next line break)?
 */
function fits(doc: Doc, room: number, restModes: readonly boolean[], restDocs: readonly Doc[]): boolean {
  const modes: boolean[] = [false];
  const docs: Doc[] = [doc];
  let next = restDocs.length - 1;
  while (room >= 0) {
    if (docs.length === 0) {
      if (next < 0) return true;
      modes.push(restModes[next]!);
      docs.push(restDocs[next--]!);
    }
    const broken = modes.pop()!;
    const d = docs.pop()!;
    if (typeof d === "string") room -= d.length;
    else if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) {
        modes.push(broken);
        docs.push(d[i]!);
      }
    } else {
      const node = d as Group | Indent | Line | IfBreak;
      if (node.kind === "line") {
        if (broken || node.hard) return true;
        room -= node.flat.length;
      } else {
        modes.push(node.kind === "group" ? false : broken);
        docs.push(node.kind === "ifBreak" ? (broken ? node.broken : node.flat) : node.doc);
      }
    }
  }
  return false;
}

function containsHardline(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return doc.some(containsHardline);
  const node = doc as Group | Indent | Line | IfBreak;
  if (node.kind === "line") return node.hard;
  if (node.kind === "group") return node.hard;
  if (node.kind === "ifBreak") return containsHardline(node.broken) || containsHardline(node.flat);
  return containsHardline(node.doc);
}

/** A doc on one line, however long (for text embedded in JSON). */
export function printFlat(doc: Doc): string {
  return printAt(doc, 0, Infinity);
}
