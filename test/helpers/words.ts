// Word-sequence similarity, used to compare our outputs with the seed texts.
// Words are maximal runs of letters and digits (NFC, lower-cased), so
// punctuation, line breaks, hyphenation at line ends ("25-\nCT/TW") and
// spacing are extraction noise; "25-CT/TW" is one word however it was split. The seeds' page numbers stay in as a few
// extra words (they cannot be told apart from table row numbers).
// Similarity = 2·LCS / (|a| + |b|) over the two word sequences (the ratio
// Python's difflib reports), computed exactly with a rolling LCS row.

export function words(text: string): string[] {
  // "25-CT/TW", a seed's "25-\nCT/TW" and pdftotext's dehyphenated "25CT/TW"
  // must count as the same word: glue letters and digits across - and /
  const glued = text.normalize("NFC").replace(/([\p{L}\p{N}])[-/](?:[^\S\n]*\n\s*)?(?=[\p{L}\p{N}])/gu, "$1");
  return (glued.toLocaleLowerCase("vi").match(/[\p{L}\p{N}]+/gu) ?? []).filter(Boolean);
}

export function lcsLength(a: string[], b: string[]): number {
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

export function similarity(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 1;
  return (2 * lcsLength(a, b)) / (a.length + b.length);
}
