// Word-level comparison of two texts, for the diff report: which words were
// removed and which inserted, shown compactly ("… trên [-95%-]{+98%+} dân số …"),
// and which numbers changed ("95% → 98%"). Pure functions.

export type WordOp = { op: "eq" | "del" | "ins"; words: string[] };

/** Collapses runs of white space: a reflowed YAML paragraph is the same text. */
export const normalizeSpace = (s: string): string => s.replace(/\s+/g, " ").trim();

export const words = (s: string): string[] => {
  const t = normalizeSpace(s);
  return t === "" ? [] : t.split(" ");
};

/** Above this many cells the middle part is reported as one replacement. */
const MAX_CELLS = 4_000_000;

/**
 * Longest common subsequence of two sequences, as index pairs (ascending).
 * Common prefix and suffix are matched first, so a one-word change in a long
 * paragraph costs almost nothing.
 */
export function lcsPairs<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean = (x, y) => x === y): [number, number][] {
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1]!, b[endB - 1]!)) [endA, endB] = [endA - 1, endB - 1];
  const pairs: [number, number][] = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && n * m <= MAX_CELLS) {
    // lengths of the LCS of a[i..] and b[j..] (suffix table), then walk forward
    const w = m + 1;
    const table = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * w + j] = eq(a[start + i]!, b[start + j]!) ? table[(i + 1) * w + j + 1]! + 1 : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (eq(a[start + i]!, b[start + j]!)) {
        pairs.push([start + i, start + j]);
        i++;
        j++;
      } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) i++;
      else j++;
    }
  }
  for (let k = 0; endA + k < a.length; k++) pairs.push([endA + k, endB + k]);
  return pairs;
}

/** The edit script from `oldText` to `newText`, in runs of equal, removed and inserted words. */
export function wordDiff(oldText: string, newText: string): WordOp[] {
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

/** Share of words two texts have in common (0…1), ignoring order. */
export function similarity(a: string, b: string): number {
  const wa = words(a.toLocaleLowerCase("vi"));
  const wb = words(b.toLocaleLowerCase("vi"));
  if (wa.length + wb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

/** A long text cut to `max` characters at a word boundary, with "…". */
export function truncate(s: string, max = 100): string {
  const t = normalizeSpace(s);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")} …`;
}
