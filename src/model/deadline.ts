// Deadlines are data, not free text: parsed from a short form or an object,
// printed in the seeds' phrasing by derive/deadline-text.ts.
import { z } from "zod";
import { parseIsoDate, type DateParts } from "./date.ts";

export type Deadline =
  | { kind: "recurring" }
  | { kind: "quarter"; quarter: 1 | 2 | 3 | 4; year: number }
  | { kind: "year"; year: number }
  | { kind: "from"; year: number }
  | { kind: "before"; date: DateParts }
  | { kind: "condition"; text: string };

const ROMAN_QUARTERS: Record<string, 1 | 2 | 3 | 4> = { I: 1, II: 2, III: 3, IV: 4 };

export const DEADLINE_FORMS =
  '"thường xuyên", "Q2/2024" (hoặc "Quý II năm 2024"), "2025" (hoặc "năm 2025"), "từ 2026", "trước 2025-07-01" (hoặc "trước 01/7/2025"), hoặc { theo: "<điều kiện>" }';

function year(s: string): number | undefined {
  const n = Number(s);
  return Number.isInteger(n) && n >= 1945 && n <= 2200 ? n : undefined;
}

/** Parses the short text forms; undefined when the text is not one of them. */
export function parseDeadlineText(raw: string): Deadline | undefined {
  const s = raw.trim().replace(/\s+/g, " ");
  const lower = s.toLocaleLowerCase("vi");
  if (lower === "thường xuyên" || lower === "nhiệm vụ thường xuyên") return { kind: "recurring" };
  let m = /^q([1-4])\/(\d{4})$/i.exec(s) ?? null;
  if (m) {
    const y = year(m[2]!);
    return y ? { kind: "quarter", quarter: Number(m[1]) as 1 | 2 | 3 | 4, year: y } : undefined;
  }
  m = /^quý (I|II|III|IV)(?: năm |\/)(\d{4})$/i.exec(s);
  if (m) {
    const y = year(m[2]!);
    const q = ROMAN_QUARTERS[m[1]!.toUpperCase()];
    return y && q ? { kind: "quarter", quarter: q, year: y } : undefined;
  }
  m = /^(?:năm )?(\d{4})$/i.exec(s);
  if (m) {
    const y = year(m[1]!);
    return y ? { kind: "year", year: y } : undefined;
  }
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

export const deadlineSchema = z
  .union([
    z.string(),
    z.number(),
    z.strictObject({ theo: z.string().min(1).meta({ description: "Điều kiện, ví dụ: lộ trình do Chính phủ quy định" }) }),
  ])
  .transform((v, ctx): Deadline => {
    if (typeof v === "object") return { kind: "condition", text: v.theo };
    const parsed = parseDeadlineText(String(v));
    if (!parsed) {
      ctx.addIssue({
        code: "custom",
        message: `thời hạn không đúng dạng`,
        params: { expected: DEADLINE_FORMS, found: JSON.stringify(v) },
      });
      return z.NEVER;
    }
    return parsed;
  })
  .meta({
    description: `Thời gian hoàn thành: ${DEADLINE_FORMS}`,
  });
