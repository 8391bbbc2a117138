// How the appendix and the citations print what the importer reads back: a
// date inside a citation, a deadline, a list of agencies. The importer sits in
// the load layer and may not import derive/, so it keeps these few forms of
// derive/format.ts here; test/import.test.ts checks that the two agree.
import type { DateParts } from "../model/date.ts";
import type { Deadline } from "../model/deadline.ts";

const ROMAN = ["I", "II", "III", "IV"];

/** "25/10/2023", "05/4/2024": day padded, month padded only for 1 and 2 (Nghị định 30). */
export function citedDate(d: DateParts): string {
  return `${String(d.day).padStart(2, "0")}/${d.month <= 2 ? String(d.month).padStart(2, "0") : String(d.month)}/${d.year}`;
}

export function printedDeadline(d: Deadline): string {
  switch (d.kind) {
    case "recurring":
      return "Nhiệm vụ thường xuyên";
    case "quarter":
      return `Quý ${ROMAN[d.quarter - 1]} năm ${d.year}`;
    case "year":
      return `Năm ${d.year}`;
    case "from":
      return `Từ năm ${d.year}`;
    case "before":
      return `Trước ngày ${citedDate(d.date)}`;
    case "annual":
      return d.month === undefined ? "Hằng năm" : `Tháng ${d.month} hằng năm`;
    case "condition":
      return d.text;
    default:
      // months, ranges and events print in the plan's chosen style: the importer keeps their words ({ theo })
      return "";
  }
}

/** "Sở Y tế, Sở Nội vụ và các cơ quan, đơn vị liên quan": names joined by "," (";" when a name has one), a trailing group by "và". */
export function printedAgencies(agencies: { name: string; group?: boolean | undefined }[]): string {
  if (agencies.length === 0) return "";
  const last = agencies[agencies.length - 1]!;
  const trailingGroup = agencies.length > 1 && last.group === true;
  const main = trailingGroup ? agencies.slice(0, -1) : agencies;
  const sep = main.some((a) => a.name.includes(",")) ? "; " : ", ";
  let out = main.map((a) => a.name).join(sep);
  if (trailingGroup) out += ` và ${last.name}`;
  const first = out.codePointAt(0);
  if (first === undefined) return out;
  const ch = String.fromCodePoint(first);
  return ch.toLocaleUpperCase("vi") + out.slice(ch.length);
}
