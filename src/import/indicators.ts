// A table of indicators (TT | Chỉ tiêu | Đơn vị tính | one column per year or
// source) → `indicators:` data. A figure is kept as a number (or a bound,
// ">13,5") only when the printer (derive/format.ts indicatorText) prints it
// back as the cell read; anything else stays the cell's text.
import { indicatorText } from "../derive/format.ts";
import type { IndicatorValue } from "../model/plan.ts";
import { cellText } from "./appendix.ts";
import type { Cell, Table } from "./source.ts";

type Row = { name: string; unit: string; values: IndicatorValue[]; decimals?: number } | { group: string };

const NUMBER = /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/u;

function number(s: string): number | undefined {
  if (!NUMBER.test(s)) return undefined;
  return Number(s.replace(/\./g, "").replace(",", "."));
}

/** A cell → value; bounds as { gt }, { lt }, { gte }, { lte }. */
function value(cell: string): IndicatorValue {
  const m = /^(>|<|≥|≤)\s*(.+)$/u.exec(cell);
  const n = number(m ? m[2]! : cell);
  if (n === undefined) return cell;
  if (!m) return n;
  return m[1] === ">" ? { gt: n } : m[1] === "<" ? { lt: n } : m[1] === "≥" ? { gte: n } : { lte: n };
}

/** Values of one row with the decimals that print them back; cells that would print otherwise stay text. */
function rowValues(cells: string[]): { values: IndicatorValue[]; decimals?: number } {
  const parsed = cells.map(value);
  const prints = (d: number | undefined) => parsed.every((v, i) => indicatorText(v, d) === cells[i]);
  if (prints(undefined)) return { values: parsed };
  const digits = Math.max(0, ...cells.map((c) => NUMBER.exec(c.replace(/^(>|<|≥|≤)\s*/u, ""))?.[1]?.length ?? 0));
  if (digits > 0 && prints(digits)) return { values: parsed, decimals: digits };
  return { values: parsed.map((v, i) => (indicatorText(v) === cells[i] ? v : cells[i]!)) };
}

export function readIndicators(t: Table): { columns: string[]; rows: Row[] } {
  const expand = (row: Cell[]) => row.flatMap((c) => [c, ...Array.from({ length: c.span - 1 }, () => undefined)]);
  const head = expand(t.rows[0]!).map(cellText);
  const cName = head.findIndex((h) => /chỉ tiêu/iu.test(h));
  const cUnit = head.findIndex((h) => /đơn vị tính|đvt/iu.test(h));
  const first = Math.max(cName, cUnit) + 1;
  const columns = head.slice(first).filter(Boolean);
  const rows: Row[] = [];
  for (const row of t.rows.slice(1)) {
    const texts = expand(row).map(cellText);
    const figures = texts.slice(first, first + columns.length);
    if (!texts[cUnit] && figures.every((f) => !f)) {
      const group = texts.filter(Boolean).join(" ");
      if (group) rows.push({ group });
      continue;
    }
    rows.push({ name: texts[cName] ?? "", unit: texts[cUnit] ?? "", ...rowValues(figures.map((f) => f ?? "")) });
  }
  return { columns, rows };
}
