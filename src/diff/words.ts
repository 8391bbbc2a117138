// Word-level comparison of two texts, for the diff report: which words were
// removed and which inserted, shown compactly ("… trên [-95%-]{+98%+} dân số …"),
// and which numbers changed ("95% → 98%"). Pure functions.

import { lcsPairs } from "./align.ts";

export type WordOp = { op: "eq" | "del" | "ins"; words: string[] };

/** Collapses runs of white space: a reflowed YAML paragraph is the same text. */
export const normalizeSpace = (s: string): string => s.replace(/\s+/g, " ").trim();

export const words = (s: string): string[] => {
  const t = normalizeSpace(s);
  return t === "" ? [] : t.split(" ");
};

/** The edit script from `oldText` to `newText`, in runs of equal, removed and inserted words. */
export function wordEdits(oldText: string, newText: string): WordOp[] {
  const a = words(oldText);
  const b = words(newText);
  const ops: WordOp[] = [];
  const push = (op: WordOp["op"], w: string) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.words.push(w);
    else ops.push({ op, words: [w] });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...lcsPairs(a, b), [a.length, b.length] as [number, number]]) {
    while (i < pi) push("del", a[i++]!);
    while (j < pj) push("ins", b[j++]!);
    if (pi < a.length) {
      push("eq", a[pi]!);
      i = pi + 1;
      j = pj + 1;
    }
  }
  return ops;
}

/**
 * The changes with a few words of context: "… trên [-95%-]{+98%+} dân số …".
 * Removed words in [-…-], inserted words in {+…+} (the `wdiff` notation).
 */
export function compactDiff(ops: WordOp[], context = 3): string {
  const parts: string[] = [];
  ops.forEach((o, k) => {
    if (o.op === "del") parts.push(`[-${o.words.join(" ")}-]`);
    else if (o.op === "ins") {
      const text = `{+${o.words.join(" ")}+}`;
      // a replacement reads as one unit: [-95%-]{+98%+}
      if (ops[k - 1]?.op === "del") parts[parts.length - 1] += text;
      else parts.push(text);
    }
    else {
      const first = k === 0;
      const last = k === ops.length - 1;
      const w = o.words;
      if (first && last) parts.push(w.join(" "));
      else if (first) parts.push(w.length > context ? `… ${w.slice(-context).join(" ")}` : w.join(" "));
      else if (last) parts.push(w.length > context ? `${w.slice(0, context).join(" ")} …` : w.join(" "));
      else parts.push(w.length > 2 * context + 1 ? `${w.slice(0, context).join(" ")} … ${w.slice(-context).join(" ")}` : w.join(" "));
    }
  });
  return parts.join(" ");
}

const NUMBER = /\d+(?:[.,/]\d+)*\s?%?/g;
const numbersIn = (ws: string[]): string[] => [...ws.join(" ").matchAll(NUMBER)].map((m) => m[0].trim());

/** Numbers replaced by other numbers: [["95%", "98%"]]. */
export function changedNumbers(ops: WordOp[]): [string, string][] {
  const out: [string, string][] = [];
  for (let k = 0; k < ops.length; k++) {
    const o = ops[k]!;
    if (o.op !== "del") continue;
    const next = ops[k + 1];
    if (next?.op !== "ins") continue;
    const was = numbersIn(o.words);
    const now = numbersIn(next.words);
    for (let i = 0; i < Math.min(was.length, now.length); i++) if (was[i] !== now[i]) out.push([was[i]!, now[i]!]);
  }
  return out;
}

/** A long text cut to `max` characters at a word boundary, with "…". */
export function truncate(s: string, max = 100): string {
  const t = normalizeSpace(s);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")} …`;
}
