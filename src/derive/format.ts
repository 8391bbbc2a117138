// Vietnamese formatting of data values: dates, numbers, deadlines, agency lists.
import { phrases } from "../load/phrases.ts";
import { fill } from "../model/wording.ts";
import type { IndicatorValue } from "../model/plan.ts";
import type { DateParts, IssueDate } from "../model/date.ts";
import { parseDeadlineText, type Deadline, type DeadlinePoint } from "../model/deadline.ts";

/** Six no-break spaces: the blank a draft leaves for number, day and month. */
export const BLANK = "\u00a0".repeat(6);

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"];

export function roman(n: number): string {
  if (n >= 1 && n <= ROMAN.length) return ROMAN[n - 1]!;
  const table: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let out = "";
  for (const [v, s] of table) while (n >= v) [out, n] = [out + s, n - v];
  return out;
}

/** Vietnamese list letters: no f j w z. */
export const LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split(" ");

export function letter(n: number): string | undefined {
  return LETTERS[n - 1];
}

/** Day: padded below 10. Month: padded only for 1 and 2 (Nghị định 30). */
export const padDay = (d: number): string => String(d).padStart(2, "0");
export const padMonth = (m: number): string => (m <= 2 ? String(m).padStart(2, "0") : String(m));

/** "25/10/2023", "05/4/2024", "01/7/2025" */
export function slashDate(d: DateParts): string {
  return `${padDay(d.day)}/${padMonth(d.month)}/${d.year}`;
}

/** The parts of a place-date line; a draft's missing day/month are blanks. */
export function issueDateParts(d: IssueDate): { day: string; month: string; year: string } {
  return {
    day: d.day === undefined ? BLANK : padDay(d.day),
    month: d.month === undefined ? BLANK : padMonth(d.month),
    year: String(d.year),
  };
}

/** Document number: padded below 10, blank for a draft. */
export function documentNumber(n: number | string | undefined): string {
  if (n === undefined) return BLANK;
  const v = Number(n);
  return v < 10 ? String(v).padStart(2, "0") : String(v);
}

/** A non-negative finite number in plain decimal digits, never in exponent notation ("1e+21", "1e-7"). */
export function plainDecimal(v: number, decimals?: number): string {
  const s = decimals === undefined ? String(v) : v.toFixed(decimals);
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(decimals === undefined || !s.includes("e") ? s : String(v));
  if (!m) return s;
  // value = digits × 10^exp
  const frac = m[2] ?? "";
  const digits = (m[1]! + frac).replace(/^0+(?=\d)/, "");
  const exp = Number(m[3]) - frac.length;
  let out: string;
  if (exp >= 0) out = digits + "0".repeat(exp);
  else {
    const padded = digits.padStart(-exp + 1, "0");
    out = `${padded.slice(0, exp)}.${padded.slice(exp)}`;
  }
  if (decimals === undefined) return out;
  const [int, f = ""] = out.split(".");
  return decimals === 0 ? int! : `${int}.${f.padEnd(decimals, "0").slice(0, decimals)}`;
}

/** 13.5 → "13,5"; 1250 → "1.250"; any finite value, in plain digits */
export function formatNumber(v: number, decimals?: number): string {
  if (!Number.isFinite(v)) throw new Error(`formatNumber: ${v} is not a finite number`); // the schema refuses these
  const [int, frac] = plainDecimal(Math.abs(v), decimals).split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const negative = v < 0 && /[1-9]/.test(int! + (frac ?? ""));
  return `${negative ? "-" : ""}${grouped}${frac ? `,${frac}` : ""}`;
}

/** How deadlines print: long "Quý IV năm 2025", short "Quý IV/2025" (a per-plan choice). */
export type DeadlineStyle = "long" | "short";

function pointText(p: DeadlinePoint, style: DeadlineStyle, inRange = false): string {
  const ph = phrases().deadline;
  switch (p.kind) {
    case "quarter":
      return fill(ph[style].quarter, { quarter: roman(p.quarter), year: p.year });
    case "month":
      return fill(ph[style].month, { month: p.month, year: p.year });
    case "year":
      // "năm 2026" typed in a plan of short deadlines keeps its word
      return fill(inRange ? ph.yearInRange : p.named ? ph.long.year : ph[style].year, { year: p.year });
  }
}

export function deadlineText(d: Deadline, style: DeadlineStyle = "long"): string {
  const ph = phrases().deadline;
  switch (d.kind) {
    case "recurring":
      return ph[style].recurring;
    case "quarter":
    case "month":
    case "year":
      return pointText(d, style);
    case "from":
      return fill(ph.from, { year: d.year });
    case "before":
      return fill(ph.before, { date: slashDate(d.date) });
    case "annual":
      return d.month === undefined ? ph.annual : fill(ph.annualMonth, { month: d.month });
    case "periodic":
      return ph.every[d.every];
    case "range": {
      // the second year of a year range never repeats its word; a no-break space
      // keeps "Quý II" together so a narrow cell breaks at the dash
      const keep = (p: DeadlinePoint, text: string) => (p.kind === "year" ? text : text.replace(" ", "\u00a0"));
      if (d.from.kind === "year" && d.to.kind === "year") return fill(ph.range, { from: pointText(d.from, style), to: fill(ph.yearInRange, { year: d.to.year }) });
      // two quarters or two months of one year name the year once: "Quý II - Quý III/2026"
      if (d.from.kind === d.to.kind && d.from.year === d.to.year) {
        const first = d.from.kind === "quarter" ? fill(ph.quarterInYear, { quarter: roman(d.from.quarter) }) : d.from.kind === "month" ? fill(ph.monthInYear, { month: d.from.month }) : "";
        return fill(ph.range, { from: keep(d.from, first), to: keep(d.to, pointText(d.to, style, true)) });
      }
      return fill(ph.range, { from: keep(d.from, pointText(d.from, style)), to: keep(d.to, pointText(d.to, style, true)) });
    }
    case "event":
      return capitalize(fill(ph.event, { text: d.text }));
    case "condition":
      return d.text;
  }
}

/** "a, b và c": the last item joined by the phrase for "and". */
export function joinWithAnd(list: string, last: string): string {
  return fill(phrases().and, { list, last });
}

export function capitalize(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return s;
  const ch = String.fromCodePoint(first);
  return ch.toLocaleUpperCase("vi") + s.slice(ch.length);
}

/**
 * Agency names for a table cell: "Sở Y tế, Sở Nội vụ và các cơ quan, đơn vị liên quan".
 * Names that contain a comma are separated by ";" so the list stays readable;
 * a trailing group ("các cơ quan, đơn vị liên quan") joins with "và".
 */
export function agencyList(agencies: { name: string; group?: boolean | undefined }[]): string {
  if (agencies.length === 0) return "";
  const last = agencies[agencies.length - 1]!;
  const trailingGroup = agencies.length > 1 && last.group === true;
  const main = trailingGroup ? agencies.slice(0, -1) : agencies;
  const sep = main.some((a) => a.name.includes(",")) ? "; " : ", ";
  let out = main.map((a) => a.name).join(sep);
  if (trailingGroup) out = joinWithAnd(out, last.name);
  return capitalize(out);
}

/** Vietnamese print form of an indicator value: 13.5 → "13,5", { gt: 13.5 } → ">13,5". */
export function indicatorText(v: IndicatorValue, decimals?: number): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v, decimals);
  if ("gt" in v) return `>${formatNumber(v.gt, decimals)}`;
  if ("lt" in v) return `<${formatNumber(v.lt, decimals)}`;
  if ("gte" in v) return `≥ ${formatNumber(v.gte, decimals)}`;
  return `≤ ${formatNumber(v.lte, decimals)}`;
}

/** How a raw deadline value prints; a text no deadline form reads is given to `unread` (default: kept as typed). */
export function printedDeadline(v: unknown, style: DeadlineStyle = "long", unread: (text: string) => string = (s) => s): string {
  if (v && typeof v === "object" && typeof (v as { theo?: unknown }).theo === "string") return (v as { theo: string }).theo;
  if (typeof v !== "string" && typeof v !== "number") return "";
  const d = parseDeadlineText(String(v));
  return d ? deadlineText(d, style) : unread(String(v));
}
