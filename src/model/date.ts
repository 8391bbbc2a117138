import * as z from "zod/mini";
import { addIssue, described, transformed } from "./schema-kit.ts";

export interface DateParts {
  day: number;
  month: number;
  year: number;
}

/** The one date rule: is this day in the calendar (31/4, 30/02 and 29/02 of a common year are not)? */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** "2023-10-25" → parts, or undefined when it is not a real calendar date. */
export function parseIsoDate(s: string): DateParts | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(year, month, day) ? { day, month, year } : undefined;
}

export const isoDateSchema = described(
  transformed(z.string(), (s, ctx): DateParts => {
    const d = parseIsoDate(s);
    if (!d) {
      addIssue(ctx, { message: "ngày không hợp lệ", params: { expected: "ngày dạng YYYY-MM-DD, ví dụ 2023-10-25", found: JSON.stringify(s) } });
      return z.NEVER;
    }
    return d;
  }),
  "Ngày dạng YYYY-MM-DD, ví dụ 2023-10-25",
);

/** The issue date of a plan: a draft leaves day and month out. */
export const issueDateSchema = z
  .strictObject({
    day: described(z.optional(z.int().check(z.gte(1), z.lte(31))), "Ngày (bỏ trống khi là dự thảo)"),
    month: described(z.optional(z.int().check(z.gte(1), z.lte(12))), "Tháng (bỏ trống khi là dự thảo)"),
    year: described(z.int().check(z.gte(1945), z.lte(2200)), "Năm"),
  })
  .check(
    z.refine((d) => d.day === undefined || d.month !== undefined, { message: "có ngày thì phải có tháng", path: ["month"] }),
    z.superRefine((d, ctx) => {
      if (d.day === undefined || d.month === undefined || isCalendarDate(d.year, d.month, d.day)) return;
      ctx.addIssue({
        code: "custom",
        path: ["day"],
        message: `không có ngày ${d.day}/${d.month}/${d.year} trong lịch (no such date)`,
        params: { expected: `một ngày có trong tháng ${d.month}/${d.year}: 1–${daysInMonth(d.year, d.month)}`, found: String(d.day) },
      });
    }),
  );

export type IssueDate = z.output<typeof issueDateSchema>;
