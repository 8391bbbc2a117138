// Data text → inline markup. Templates are compiled with noEscape, so every
// string from the plan passes through here: markup characters are escaped,
// whitespace is collapsed, citation references and placeholders become markup.
import { CITE_PATTERN, PLACEHOLDER_PATTERN } from "../model/inline.ts";

const SPECIAL = /[\\*_[\]{}]/g;

/** Escapes literal text so the markup parser prints it as is. */
export function escapeLiteral(s: string): string {
  return s.replace(SPECIAL, (c) => `\\${c}`);
}

const TOKEN = new RegExp(`${CITE_PATTERN.source}|${PLACEHOLDER_PATTERN.source}`, "g");

/** Converts one data string into inline markup. */
export function markupText(raw: string): string {
  // ASCII whitespace only: no-break spaces (draft blanks) must survive
  const s = raw.replace(/[ \t\r\n\f\v]+/g, " ").trim();
  let out = "";
  let last = 0;
  for (const m of s.matchAll(TOKEN)) {
    out += escapeLiteral(s.slice(last, m.index));
    if (m[1] !== undefined) out += `{@cite ${m[1]} ${m[2] ?? "auto"}}`;
    else out += `[[${escapeLiteral(m[3] ?? "")}]]`;
    last = m.index + m[0].length;
  }
  return out + escapeLiteral(s.slice(last));
}
