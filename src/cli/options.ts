// Option values the commands share.
import { UserError } from "../errors.ts";

/** --year: the given year, or this year (the clock is read here, at the edge). */
export function yearOption(raw: string | undefined): number {
  const year = raw === undefined ? new Date().getFullYear() : Number(raw);
  if (!Number.isInteger(year) || year < 1945 || year > 2200) {
    throw new UserError("E_USAGE", "Năm không hợp lệ (invalid year)", { path: "--year", expected: "một năm, ví dụ 2026", found: JSON.stringify(raw) });
  }
  return year;
}
