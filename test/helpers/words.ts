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

/** How close two word sequences are: 2·LCS / (|a| + |b|) (src/diff/align.ts). */
import { sequenceSimilarity } from "../../src/diff/align.ts";
export { sequenceSimilarity as similarity };

/**
 * Tokens with punctuation, numbering and capitals kept: letters/digits runs
 * as written (case kept) and every other visible character on its own. With
 * these, the tool's own numbering ("I.", "1.", "a)"), punctuation and
 * capitals are measured, not only the plan's words. Only line-end
 * hyphenation ("25-\nCT/TW") is undone, as in words().
 */
export function strictTokens(text: string): string[] {
  const glued = text.normalize("NFC").replace(/([\p{L}\p{N}])-[^\S\n]*\n\s*(?=[\p{L}\p{N}])/gu, "$1-");
  return glued.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Similarity with punctuation, numbering and capitals counted: 2·LCS / (|a| + |b|) over strictTokens. */
export function strictSimilarity(a: string, b: string): number {
  return sequenceSimilarity(strictTokens(a), strictTokens(b));
}
