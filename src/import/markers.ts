// What starts a numbered part or a list item, state ("I.", "1.", "1.1.", "a)")
// and Party ("I-", "1-", "1.1-"), and "-"/"+" bullets. Numbering is structure:
// the recogniser strips it and the renderer computes it again.

export type MarkerKind = "roman" | "arabic" | "sub" | "letter" | "dash" | "plus";

export interface Marker {
  kind: MarkerKind;
  /** the number as printed: "IV", "3", "2.1", "đ" */
  label: string;
  /** the separator after it: "." "-" ")" */
  sep: string;
  rest: string;
}

const ROMAN = /^([IVXL]{1,5})\s?([.\-–])\s+(\S.*)$/u;
const SUB = /^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)([.\-–]?)\s+(\S.*)$/u;
const ARABIC = /^(\d{1,2})\s?([.\-–])\s+(\S.*)$/u;
const LETTER = /^([a-zđ])(\))\s*(\S.*)$/u;
const DASH = /^([-–—•])()\s*(\S.*)$/u;
const PLUS = /^(\+)()\s*(\S.*)$/u;

const LETTERS = "abcdđeghiklmnopqrstuvxy";

export function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!]!;
    const b = v[s[i + 1] ?? ""] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

export function letterValue(s: string): number {
  return LETTERS.indexOf(s) + 1;
}

export function marker(text: string): Marker | undefined {
  const tries: [MarkerKind, RegExp][] = [
    ["roman", ROMAN],
    ["sub", SUB],
    ["arabic", ARABIC],
    ["letter", LETTER],
    ["plus", PLUS],
    ["dash", DASH],
  ];
  for (const [kind, re] of tries) {
    const m = re.exec(text);
    if (!m) continue;
    // "2025 - 2030", "1.000 người": not numbering
    if (kind === "sub" && m[2] === "" && !/^\p{Lu}/u.test(m[3]!)) continue;
    if (kind === "roman" && romanValue(m[1]!) === 0) continue;
    return { kind, label: m[1]!, sep: m[2]!, rest: m[3]! };
  }
  return undefined;
}

/** The value a marker counts with (I = 1, 3 = 3, 2.1 = 1, đ = 5). */
export function markerValue(m: Marker): number {
  switch (m.kind) {
    case "roman":
      return romanValue(m.label);
    case "arabic":
      return Number(m.label);
    case "sub":
      return Number(m.label.split(".").pop());
    case "letter":
      return letterValue(m.label);
    default:
      return 0;
  }
}
