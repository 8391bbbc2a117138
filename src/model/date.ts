import { z } from "zod";

export interface DateParts {
  day: number;
  month: number;
  year: number;
}

/** "2023-10-25" → parts, or undefined when it is not a real calendar date. */
export function parseIsoDate(s: string): DateParts | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return { day, month, year };
}

export const isoDateSchema = z
  .string()
  .transform((s, ctx): DateParts => {
    const d = parseIsoDate(s);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "ngày không hợp lệ", params: { expected: "ngày dạng YYYY-MM-DD, ví dụ 2023-10-25", found: JSON.stringify(s) } });
      return z.NEVER;
    }
    return d;
  })
  .meta({ description: "Ngày dạng YYYY-MM-DD, ví dụ 2023-10-25" });

/** The issue date of a plan: a draft leaves day and month out. */
export const issueDateSchema = z
  .strictObject({
    day: z.number().int().min(1).max(31).optional().meta({ description: "Ngày (bỏ trống khi là dự thảo)" }),
    month: z.number().int().min(1).max(12).optional().meta({ description: "Tháng (bỏ trống khi là dự thảo)" }),
    year: z.number().int().min(1945).max(2200).meta({ description: "Năm" }),
  })
  .refine((d) => d.day === undefined || d.month !== undefined, { message: "có ngày thì phải có tháng", path: ["month"] });

export type IssueDate = z.output<typeof issueDateSchema>;
