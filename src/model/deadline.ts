// Deadlines are data, not free text: parsed from a short form or an object,
// printed in the seeds' phrasing by derive/deadline-text.ts.
import * as z from "zod/mini";
import { addIssue, described, describedCopy, nonEmpty, transformed } from "./schema-kit.ts";
import { parseIsoDate, type DateParts } from "./date.ts";

/** A point a range can start or end at. */
export type DeadlinePoint =
  | { kind: "quarter"; quarter: 1 | 2 | 3 | 4; year: number }
  | { kind: "month"; month: number; year: number }
  /** `named`: typed "năm 2026": prints "Năm 2026" whatever the plan's deadline style */
  | { kind: "year"; year: number; named?: true | undefined };

export type Deadline =
  | { kind: "recurring" }
  | DeadlinePoint
  | { kind: "from"; year: number }
  | { kind: "before"; date: DateParts }
  | { kind: "annual"; month?: number | undefined }
  /** "Hằng quý", "Hằng tháng" */
  | { kind: "periodic"; every: "quarter" | "month" }
  | { kind: "range"; from: DeadlinePoint; to: DeadlinePoint }
  | { kind: "event"; text: string }
  | { kind: "condition"; text: string };

const ROMAN_QUARTERS: Record<string, 1 | 2 | 3 | 4> = { I: 1, II: 2, III: 3, IV: 4 };

export const DEADLINE_FORMS =
  '"thường xuyên", "Q2/2024" (hoặc "Quý II năm 2024", "Quý II/2024"), "tháng 12/2025", "2025" (hoặc "năm 2025"), "từ 2026", "trước 2025-07-01" (hoặc "trước 01/7/2025"), "hằng năm", "tháng 12 hằng năm", "hằng quý", "hằng tháng", khoảng "Quý IV/2025 - Quý II/2026", "Quý II - Quý III/2026" hoặc "2025 - 2026", sự kiện "khi có phát sinh", hoặc { theo: "<điều kiện>" }';

function year(s: string): number | undefined {
  const n = Number(s);
  return Number.isInteger(n) && n >= 1945 && n <= 2200 ? n : undefined;
}

/** A quarter, a month or a year: "Q2/2024", "Quý II năm 2024", "Quí IV/2025", "tháng 12/2025", "năm 2025", "2025". */
function parsePoint(s: string): DeadlinePoint | undefined {
  let m = /^q([1-4])\/(\d{4})$/i.exec(s);
  if (m) {
    const y = year(m[2]!);
    return y ? { kind: "quarter", quarter: Number(m[1]) as 1 | 2 | 3 | 4, year: y } : undefined;
  }
  // "Quí" is a common spelling of "Quý"
  m = /^qu[ýí] (I|II|III|IV)(?: năm |\/)(\d{4})$/i.exec(s);
  if (m) {
    const y = year(m[2]!);
    const q = ROMAN_QUARTERS[m[1]!.toUpperCase()];
    return y && q ? { kind: "quarter", quarter: q, year: y } : undefined;
  }
  m = /^tháng (\d{1,2})(?: năm |\/)(\d{4})$/i.exec(s);
  if (m) {
    const y = year(m[2]!);
    const mo = Number(m[1]);
    return y && mo >= 1 && mo <= 12 ? { kind: "month", month: mo, year: y } : undefined;
  }
  m = /^(năm )?(\d{4})$/i.exec(s);
  if (m) {
    const y = year(m[2]!);
    return y ? (m[1] ? { kind: "year", year: y, named: true } : { kind: "year", year: y }) : undefined;
  }
  return undefined;
}

const pointStart = (p: DeadlinePoint): number =>
  p.kind === "year" ? p.year * 100 + 1 : p.kind === "quarter" ? p.year * 100 + p.quarter * 3 - 2 : p.year * 100 + p.month;

/** Parses the short text forms; undefined when the text is not one of them. */
export function parseDeadlineText(raw: string): Deadline | undefined {
  const s = raw.trim().replace(/\s+/g, " ").normalize("NFC");
  const lower = s.toLocaleLowerCase("vi");
  if (lower === "thường xuyên" || lower === "nhiệm vụ thường xuyên") return { kind: "recurring" };
  // "Hàng năm" is accepted and printed in the standard spelling "Hằng năm"
  if (lower === "hằng năm" || lower === "hàng năm") return { kind: "annual" };
  if (lower === "hằng quý" || lower === "hàng quý" || lower === "hằng quí" || lower === "hàng quí") return { kind: "periodic", every: "quarter" };
  if (lower === "hằng tháng" || lower === "hàng tháng") return { kind: "periodic", every: "month" };
  let m = /^tháng (\d{1,2}) h[ằà]ng năm$/i.exec(s);
  if (m) {
    const mo = Number(m[1]);
    return mo >= 1 && mo <= 12 ? { kind: "annual", month: mo } : undefined;
  }
  if (/^khi .+/i.test(s)) return { kind: "event", text: s.slice(4) };
  // a range: "Quý IV/2025 - Quý II/2026", "2025 - 2026", "Năm 2025 - 2026"
  m = /^(.+?) ?[-–] ?(.+)$/.exec(s);
  if (m && !/^trước/i.test(s)) {
    const to = parsePoint(m[2]!);
    // "Quý II - Quý III/2026", "tháng 3 - tháng 5/2026": the first point takes the year of the second
    const from = parsePoint(m[1]!) ?? (to && to.kind !== "year" ? parsePoint(`${m[1]!}/${to.year}`) : undefined);
    if (from && to && pointStart(from) < pointStart(to)) return { kind: "range", from, to };
    return undefined;
  }
  const point = parsePoint(s);
  if (point) return point;
  m = /^từ (?:năm )?(\d{4})$/i.exec(s);
  if (m) {
    const y = year(m[1]!);
    return y ? { kind: "from", year: y } : undefined;
  }
  m = /^trước(?: ngày)? (.+)$/i.exec(s);
  if (m) {
    const d = parseIsoDate(m[1]!) ?? parseSlashDate(m[1]!);
    return d ? { kind: "before", date: d } : undefined;
  }
  return undefined;
}

function parseSlashDate(s: string): DateParts | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  if (!m) return undefined;
  return parseIsoDate(`${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`);
}

export const deadlineSchema = described(
  transformed(
    z.union([
      z.string(),
      z.number(),
      z.strictObject({ theo: describedCopy(nonEmpty, "Điều kiện, ví dụ: lộ trình do Chính phủ quy định") }),
    ]),
    (v, ctx): Deadline => {
      if (typeof v === "object") return { kind: "condition", text: v.theo };
      const parsed = parseDeadlineText(String(v));
      if (!parsed) {
        addIssue(ctx, { message: `thời hạn không đúng dạng`, params: { expected: DEADLINE_FORMS, found: JSON.stringify(v) } });
        return z.NEVER;
      }
      return parsed;
    },
  ),
  `Thời gian hoàn thành: ${DEADLINE_FORMS}`,
);
