// Sequence alignment, the one module for it: kehoach diff (which list entries
// and words changed), the compare build (which blocks, rows and words of two
// document models correspond) and the tests (how close our output is to a
// reference text) all align sequences with these functions. Pure and
// deterministic: ties are always broken the same way.

const spaceWords = (s: string): string[] => {
  const t = s.replace(/\s+/g, " ").trim();
  return t === "" ? [] : t.split(" ");
};

/** Above this many cells the middle part is reported as one replacement. */
const MAX_CELLS = 4_000_000;

/**
 * Longest common subsequence of two sequences, as matched index pairs [i in a, j in b] (ascending).
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

/** Length of the longest common subsequence, exactly, in O(|b|) memory (for long texts: whole documents). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const ids = new Map<string, number>();
  const enc = (w: string) => {
    let v = ids.get(w);
    if (v === undefined) ids.set(w, (v = ids.size));
    return v;
  };
  const A = Int32Array.from(a, enc);
  const B = Int32Array.from(b, enc);
  let prev = new Int32Array(B.length + 1);
  let cur = new Int32Array(B.length + 1);
  for (let i = 1; i <= A.length; i++) {
    const ai = A[i - 1]!;
    for (let j = 1; j <= B.length; j++) {
      cur[j] = ai === B[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[B.length]!;
}

/**
 * Pairs items of two unmatched stretches, in order, maximising the summed
 * similarity; `sim` returns a score in (0, 1] for a pair that may be paired,
 * or 0 for one that may not.
 */
export function pairUp(m: number, n: number, sim: (i: number, j: number) => number): [number, number][] {
  return alignUp(m, n, sim).filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined);
}

/**
 * pairUp's pairing with the unpaired items of both sides where the walk meets
 * them: [i, undefined] an item of the first stretch only, [undefined, j] one
 * of the second only. Every item appears once, each side in its order.
 */
export function alignUp(m: number, n: number, sim: (i: number, j: number) => number): [number | undefined, number | undefined][] {
  const out: [number | undefined, number | undefined][] = [];
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
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    const s = score[i * n + j]!;
    if (s > 0 && S[i * w + j] === S[(i + 1) * w + j + 1]! + s) out.push([i++, j++]);
    else if (S[(i + 1) * w + j]! >= S[i * w + j + 1]!) out.push([i++, undefined]);
    else out.push([undefined, j++]);
  }
  while (i < m) out.push([i++, undefined]);
  while (j < n) out.push([undefined, j++]);
  return out;
}

/** Share of words two texts have in common (0…1), ignoring order: how alike two paragraphs or rows are, to pair them. */
export function bagSimilarity(a: string, b: string): number {
  const wa = spaceWords(a.toLocaleLowerCase("vi"));
  const wb = spaceWords(b.toLocaleLowerCase("vi"));
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

/** 2·LCS / (|a| + |b|) over two sequences, order kept (the ratio Python's difflib reports): how close a text is to a reference. */
export function sequenceSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1;
  return (2 * lcsLength(a, b)) / (a.length + b.length);
}
