// Deadline cells → the structured forms of model/deadline.ts. A cell is taken
// as data only when printing the parsed deadline (derive/format.ts
// deadlineText, the printer itself) gives the cell's words back, in the long
// ("Quý IV năm 2025", "Nhiệm vụ thường xuyên") or the short phrasing ("Quý
// IV/2025", "Thường xuyên"); anything else stays as the text it was, { theo }.
import { deadlineText, type DeadlineStyle } from "../derive/format.ts";
import { parseDeadlineText, type Deadline } from "../model/deadline.ts";

const norm = (s: string) => s.normalize("NFC").replace(/[\s\u00a0]+/g, " ").trim();
/** "Quí" and "Hàng năm" are spellings of "Quý" and "Hằng năm": the same deadline, printed in the standard spelling */
const spelling = (s: string) => norm(s).toLocaleLowerCase("vi").replace(/(?<!\p{L})quí(?!\p{L})/gu, "quý").replace(/hàng năm/gu, "hằng năm");
const same = (a: string, b: string) => spelling(a) === spelling(b);

export interface ReadDeadline {
  parsed?: Deadline | undefined;
  /** the phrasings that print the cell back exactly */
  styles: DeadlineStyle[];
}

export function readDeadline(raw: string): ReadDeadline {
  const text = norm(raw);
  const parsed = text ? parseDeadlineText(text) : undefined;
  if (!parsed) return { styles: [] };
  const styles = (["long", "short"] as const).filter((s) => same(deadlineText(parsed, s), text));
  return { parsed, styles };
}

/** The phrasing most cells were printed in (long when they do not tell). */
export function deadlineStyle(cells: string[]): DeadlineStyle {
  let long = 0;
  let short = 0;
  for (const c of cells) {
    const r = readDeadline(c);
    if (r.styles.includes("long") && !r.styles.includes("short")) long++;
    if (r.styles.includes("short") && !r.styles.includes("long")) short++;
  }
  return short > long ? "short" : "long";
}

/**
 * The value to write for a cell under the plan's phrasing: the cell's own
 * words (they parse back to the same deadline), or { theo } with what it
 * would have printed when the printer would change them.
 */
export function deadlineValue(raw: string, style: DeadlineStyle): { value: string | { theo: string }; structured: boolean; printed?: string | undefined; respelled?: string | undefined } {
  const text = norm(raw);
  const r = readDeadline(text);
  if (r.parsed && r.styles.includes(style)) {
    const printed = deadlineText(r.parsed, style);
    return { value: text, structured: true, ...(norm(printed).toLocaleLowerCase("vi") === text.toLocaleLowerCase("vi") ? {} : { respelled: printed }) };
  }
  return { value: { theo: text || "[[thời hạn]]" }, structured: false, printed: r.parsed ? deadlineText(r.parsed, style) : undefined };
}
