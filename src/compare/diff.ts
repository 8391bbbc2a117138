// Character stretches that changed between two texts, for tracked changes in
// the compare build (the alignment itself is diff/align.ts).
import { lcsPairs } from "../diff/align.ts";

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
export function changedStretches(a: string, b: string): Chunk[] {
  const ta = tokens(a);
  const tb = tokens(b);
  const offA = offsets(ta);
  const offB = offsets(tb);
  const matches = lcsPairs(ta, tb);
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
