// Layout fixes a clerk would otherwise make by hand, decided once here so both
// renderers print the same lines: a title block re-broken into balanced lines,
// and a header line (place and date) kept on one line by a smaller size within
// the format's range or by borrowing width from the other header column.
import { textWidth } from "./measure.ts";
import type { Block, Paragraph, ParagraphStyle, Run, Table } from "./model.ts";

/** Natural width of a paragraph's text on one line. */
export function paragraphWidth(p: Paragraph, s: ParagraphStyle, size = s.size): number {
  return p.runs.reduce((w, r) => w + textWidth(r.text, size, r.bold ?? s.bold, r.italic ?? s.italic), 0);
}

/** Words a title line should start with: a new phrase ("về …", "của …", "ngày …"). */
const PHRASE_START = new Set(["về", "của", "và", "trong", "trên", "tại", "đến", "giai", "theo", "nhằm", "để", "với", "cho", "ngày", "giữa", "thực", "triển"]);
/** Words a line should not end with: they open what follows ("số 25", "năm 2025"). */
const NO_BREAK_AFTER = new Set(["số", "ngày", "năm", "tháng", "quý", "chỉ", "nghị", "quyết", "kế", "chương", "thủ", "ban", "bộ", "trung", "chính", "ủy", "hội", "tỉnh", "thành", "các", "những", "một"]);

function breakCost(prev: string, next: string): number {
  const p = prev.toLocaleLowerCase("vi");
  const n = next.toLocaleLowerCase("vi");
  if (/[,;:]$/.test(p)) return 0;
  if (NO_BREAK_AFTER.has(p) || /^[\d/]/.test(n)) return 40;
  if (PHRASE_START.has(n)) return 0;
  return 12;
}

/**
 * Balanced lines for a centred title: the fewest lines the text needs at
 * `width`, with breaks that make them about equally long, between phrases,
 * never leaving one word alone on the last line. Undefined when the text
 * cannot be re-broken (mixed formatting) or a single line holds it.
 */
export function balanceLines(text: string, measure: (s: string) => number, width: number): string[] | undefined {
  const words = text.split(" ").filter(Boolean);
  if (words.length < 2) return undefined;
  const w = words.map(measure);
  const space = measure(" ");
  const lineW = (i: number, j: number) => w.slice(i, j).reduce((a, b) => a + b, 0) + space * (j - i - 1);
  if (lineW(0, words.length) <= width) return undefined;
  // fewest lines: greedy first fit
  let lines = 1;
  for (let i = 0, cur = 0; i < words.length; i++) {
    const add = cur === 0 ? w[i]! : cur + space + w[i]!;
    if (add > width && cur > 0) {
      lines++;
      cur = w[i]!;
    } else cur = add;
  }
  // dynamic programme over break positions: cost[k][j] = best for words [0, j) in k lines
  const n = words.length;
  const INF = Number.POSITIVE_INFINITY;
  const cost: number[][] = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(INF));
  const from: number[][] = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(-1));
  cost[0]![0] = 0;
  for (let k = 1; k <= lines; k++) {
    for (let j = 1; j <= n; j++) {
      for (let i = k - 1; i < j; i++) {
        if (cost[k - 1]![i] === INF) continue;
        const lw = lineW(i, j);
        if (lw > width) continue;
        const slack = (width - lw) / width;
        let c = cost[k - 1]![i]! + 100 * slack * slack;
        if (j < n) c += breakCost(words[j - 1]!, words[j]!);
        if (j === n && j - i === 1) c += 60; // an orphan word on the last line
        if (c < cost[k]![j]!) {
          cost[k]![j] = c;
          from[k]![j] = i;
        }
      }
    }
  }
  if (cost[lines]![n] === INF) return undefined;
  const out: string[] = [];
  for (let k = lines, j = n; k > 0; k--) {
    const i = from[k]![j]!;
    out.unshift(words.slice(i, j).join(" "));
    j = i;
  }
  return out;
}

/**
 * Re-breaks the trailing run of paragraphs of `style` in `blocks` (the title
 * lines) when one of them would wrap; the plan's own breaks stay when every
 * line fits. Only plain runs (one formatting for the whole title) are re-broken.
 */
export function balanceTitle(blocks: Block[], style: string, s: ParagraphStyle, width: number): void {
  let start = blocks.length;
  while (start > 0 && blocks[start - 1]!.type === "paragraph" && (blocks[start - 1] as Paragraph).style === style) start--;
  const paras = blocks.slice(start) as Paragraph[];
  if (!paras.length || paras.every((p) => paragraphWidth(p, s) <= width)) return;
  const runs = paras.flatMap((p) => p.runs);
  const look = (r: Run) => `${!!r.bold}${!!r.italic}${!!r.underline}${!!r.placeholder}${!!r.footnote}${!!r.revision}`;
  if (runs.some((r) => look(r) !== look(runs[0]!) || r.footnote || r.revision || r.placeholder)) return;
  const base = runs[0]!;
  const text = paras.map((p) => p.runs.map((r) => r.text).join("")).join(" ").replace(/ +/g, " ").trim();
  const lines = balanceLines(text, (x) => textWidth(x, s.size, base.bold ?? s.bold, base.italic ?? s.italic), width);
  if (!lines) return;
  // each new line names where the title starts in the plan (the lines no longer match the plan's)
  const origin = paras.find((p) => p.origins?.length)?.origins?.[0];
  blocks.splice(
    start,
    paras.length,
    ...lines.map((line): Paragraph => ({ type: "paragraph", style, runs: [{ ...base, text: line }], ...(origin ? { origins: [{ at: 0, path: origin.path }] } : {}) })),
  );
}

/**
 * Keeps the one-line paragraphs of a borderless table (the header's place-date
 * line) on one line: first a smaller size, down to `minSize`, then width taken
 * from the other columns' spare room. Returns the size to use for each
 * paragraph that had to shrink.
 */
export function fitOneLine(t: Table, styles: Record<string, ParagraphStyle>, oneLine: (style: string) => number | undefined): Map<Paragraph, number> {
  const sizes = new Map<Paragraph, number>();
  const cols = t.columns;
  // widest paragraph per column (cells spanning one column only)
  const widest = cols.map(() => 0);
  const colOf = new Map<Paragraph, number>();
  for (const row of t.rows) {
    let c = 0;
    for (const cell of row.cells) {
      for (const b of cell.blocks) {
        if (b.type !== "paragraph") continue;
        const s = styles[b.style]!;
        if ((cell.span ?? 1) === 1) widest[c] = Math.max(widest[c]!, paragraphWidth(b, s));
        colOf.set(b, c);
      }
      c += cell.span ?? 1;
    }
  }
  const inner = (c: number) => cols[c]! - 2 * t.padding.x;
  // a point of safety: renderers round widths differently
  const SAFE = 1;
  for (const [p, c] of colOf) {
    const min = oneLine(p.style);
    if (min === undefined) continue;
    const s = styles[p.style]!;
    if (paragraphWidth(p, s) + SAFE <= inner(c)) continue;
    let size = s.size;
    while (size - 0.5 >= min && paragraphWidth(p, s, size) + SAFE > inner(c)) size -= 0.5;
    if (size !== s.size) sizes.set(p, size);
    const need = paragraphWidth(p, s, size) + SAFE - inner(c);
    if (need <= 0) continue;
    // borrow from the other columns what their widest line leaves free
    let left = need;
    cols.forEach((_, j) => {
      if (j === c || left <= 0) return;
      const spare = Math.max(0, inner(j) - widest[j]! - SAFE);
      const take = Math.min(spare, left);
      cols[j] = cols[j]! - take;
      cols[c] = cols[c]! + take;
      left -= take;
    });
  }
  return sizes;
}
