import { lcsPairs, similarity } from "../diff/words.ts";

export { similarity };

// Sequence alignment for the compare: a longest common subsequence over
// string keys (blocks, rows, words), and a similarity-maximising pairing for
// the stretches the LCS leaves unmatched. Pure and deterministic: ties are
// always broken the same way.

/** Matched index pairs [i in a, j in b] of a longest common subsequence, in order (shared with kehoach diff). */
export const lcs = (a: readonly string[], b: readonly string[]): [number, number][] => lcsPairs(a, b);

/**
 * Pairs items of two unmatched stretches, in order, maximising the summed
 * similarity; `sim` returns a score in (0, 1] for a pair that may be paired,
 * or 0 for one that may not.
 */
export function pairUp(m: number, n: number, sim: (i: number, j: number) => number): [number, number][] {
  if (m === 0 || n === 0) return [];
  const w = n + 1;
  const S = new Float64Array((m + 1) * w);
  const score = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) score[i * n + j] = sim(i, j);
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const s = score[i * n + j]!;
      const take = s > 0 ? S[(i + 1) * w + j + 1]! + s : -1;
      S[i * w + j] = Math.max(take, S[(i + 1) * w + j]!, S[i * w + j + 1]!);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    const s = score[i * n + j]!;
    if (s > 0 && S[i * w + j] === S[(i + 1) * w + j + 1]! + s) {
      out.push([i, j]);
      i++;
      j++;
    } else if (S[(i + 1) * w + j]! >= S[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

/** Words and the spaces between them, each a token (so a diff keeps spacing exact). */
export function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** One stretch of a two-text diff, in characters: old [a0, a1) and new [b0, b1). */
export interface Chunk {
  kind: "equal" | "change";
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/**
 * Word diff of two texts as alternating equal / change stretches (a change
 * holds the old text it removes and the new text it adds, either possibly
 * empty). A bare space kept between two changes is folded into them, so
 * "A B" → "C D" reads as one change, not two around a kept space.
 */
export function wordDiff(a: string, b: string): Chunk[] {
  const ta = tokens(a);
  const tb = tokens(b);
  const offA = offsets(ta);
  const offB = offsets(tb);
  const matches = lcs(ta, tb);
  const raw: Chunk[] = [];
  let i = 0;
  let j = 0;
  const push = (kind: Chunk["kind"], i0: number, i1: number, j0: number, j1: number) => {
    if (i0 === i1 && j0 === j1) return;
    const c = { kind, a0: offA[i0]!, a1: offA[i1]!, b0: offB[j0]!, b1: offB[j1]! };
    const last = raw[raw.length - 1];
    if (last && last.kind === kind) {
      last.a1 = c.a1;
      last.b1 = c.b1;
    } else raw.push(c);
  };
  for (const [mi, mj] of matches) {
    push("change", i, mi, j, mj);
    push("equal", mi, mi + 1, mj, mj + 1);
    i = mi + 1;
    j = mj + 1;
  }
  push("change", i, ta.length, j, tb.length);
  // fold whitespace-only equal stretches between two changes into them
  const out: Chunk[] = [];
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k]!;
    const prev = out[out.length - 1];
    const next = raw[k + 1];
    if (c.kind === "equal" && prev?.kind === "change" && next?.kind === "change" && /^\s+$/.test(a.slice(c.a0, c.a1))) {
      prev.a1 = next.a1;
      prev.b1 = next.b1;
      k++;
      continue;
    }
    if (c.kind === "change" && prev?.kind === "change") {
      prev.a1 = c.a1;
      prev.b1 = c.b1;
      continue;
    }
    out.push({ ...c });
  }
  return out;
}

function offsets(toks: string[]): number[] {
  const o = [0];
  for (const t of toks) o.push(o[o.length - 1]! + t.length);
  return o;
}
