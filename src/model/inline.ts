// Inline syntax allowed in plan texts (data, not templates):
//   {ct25} {ct25:full} {ct25:short} {ct25:dated}   a reference to the citation registry
//     (dated = number, date and issuer without the title)
//   {target:id}                        the value of a target (targets[].value)
//   {agency:id}                        an agency's name: in full at its first mention, short after
//   **bold**  *italic*                 emphasis inside a sentence; \* prints an asterisk
//   [[…]]                              a placeholder the clerk must fill
export const CITE_PATTERN = /\{([a-z0-9][a-z0-9-_.]*)(?::(full|short|dated))?\}/g;
export const TARGET_PATTERN = /\{target:([a-z0-9][a-z0-9-_.]*)\}/g;
export const AGENCY_PATTERN = /\{agency:([a-z0-9][a-z0-9-_.]*)\}/g;
export const PLACEHOLDER_PATTERN = /\[\[([^\]]*)\]\]/g;

export type CiteForm = "auto" | "full" | "short" | "dated";

/**
 * The first unbalanced emphasis marker of a text: "**" or "*" opened and never
 * closed, with its offset; undefined when every marker is closed.
 */
export function unbalancedEmphasis(s: string): { marker: string; offset: number } | undefined {
  let bold: number | undefined;
  let italic: number | undefined;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s.startsWith("**", i)) {
      bold = bold === undefined ? i : undefined;
      i++;
    } else if (s[i] === "*") italic = italic === undefined ? i : undefined;
  }
  if (bold !== undefined && (italic === undefined || bold < italic)) return { marker: "**", offset: bold };
  if (italic !== undefined) return { marker: "*", offset: italic };
  return undefined;
}
/** "[^nguon]": a footnote mark; its text is the plan's `footnotes.nguon` */
export const FOOTNOTE_PATTERN = /\[\^([a-z0-9][a-z0-9-_.]*)\]/g;
