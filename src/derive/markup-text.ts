// Data text → inline markup. Templates are compiled with noEscape, so every
// string from the plan passes through here: markup characters are escaped,
// whitespace is collapsed, citation references and placeholders become markup.
import { AGENCY_PATTERN, CITE_PATTERN, FOOTNOTE_PATTERN, PLACEHOLDER_PATTERN, TARGET_PATTERN } from "../model/inline.ts";
import type { PathSegment } from "../model/path.ts";

const SPECIAL = /[\\*_[\]{}]/g;

/** Escapes literal text so the markup parser prints it as is. */
export function escapeLiteral(s: string): string {
  return s.replace(SPECIAL, (c) => `\\${c}`);
}

// emphasis markers of the data pass through as markup (the loader checked they balance);
// "\*" stays an escaped, printed asterisk
const EMPHASIS = /\\\*|\*\*|\*/g;
const TOKEN = new RegExp(`${CITE_PATTERN.source}|${PLACEHOLDER_PATTERN.source}|${TARGET_PATTERN.source}|${AGENCY_PATTERN.source}|${FOOTNOTE_PATTERN.source}|${EMPHASIS.source}`, "g");

/**
 * "{@at [path]}": where the text that follows comes from in the plan. The
 * document parser keeps it as the paragraph's origins (src/document/inline.ts),
 * so a problem found while numbering or printing names the plan's line.
 */
export function originMark(path: readonly PathSegment[]): string {
  // JSON with "}" escaped: the mark ends at the first "}"
  return `{@at ${JSON.stringify(path).replace(/}/g, "\\u007d")}}`;
}

/** Converts one data string into inline markup; `path` (where it is in the plan) is carried as an origin mark. */
export function markupText(raw: string, path?: readonly PathSegment[]): string {
  // ASCII whitespace only: no-break spaces (draft blanks) must survive
  const s = raw.replace(/[ \t\r\n\f\v]+/g, " ").trim();
  let out = "";
  let last = 0;
  for (const m of s.matchAll(TOKEN)) {
    out += escapeLiteral(s.slice(last, m.index));
    if (m[1] !== undefined) out += `{@cite ${m[1]} ${m[2] ?? "auto"}}`;
    else if (m[3] !== undefined) out += `[[${escapeLiteral(m[3])}]]`;
    else if (m[4] !== undefined) out += `{@target ${m[4]}}`;
    else if (m[5] !== undefined) out += `{@agency ${m[5]}}`;
    else if (m[6] !== undefined) out += `{@note ${m[6]}}`;
    else out += m[0];
    last = m.index + m[0].length;
  }
  out += escapeLiteral(s.slice(last));
  return path ? originMark(path) + out : out;
}
