// Characters the PDF font lacks, found in the document model before
// rendering: each paragraph knows where its text came from in the plan
// (origins), so the message names the plan's file:line:col and field, and
// text written by a template is named too.
import { UserError, type SourceLocation } from "../errors.ts";
import type { PathSegment } from "../model/path.ts";
import { formatPath, originAt } from "../model/path.ts";
import type { DocumentModel } from "./model.ts";
import { documentParagraphs } from "./visit.ts";

/** Whether the font has the character (spaces and line breaks always pass). */
export type HasGlyph = (codePoint: number) => boolean;

export interface MissingGlyph {
  char: string;
  codePoint: number;
  /** the plan value the character is in; undefined for template text */
  path?: PathSegment[] | undefined;
  /** up to 20 characters either side */
  context: string;
}

/** The first character of the document the font cannot print, if any. */
export function firstMissingGlyph(doc: DocumentModel, has: HasGlyph): MissingGlyph | undefined {
  // a plan uses ~100 distinct characters: each is looked up in the fonts once
  const printable = new Set<number>();
  for (const p of documentParagraphs(doc)) {
    let offset = 0;
    for (const run of p.runs) {
      // deleted text of a compare build is not printed in the PDF
      if (run.revision?.kind !== "delete") {
        let i = 0;
        for (const ch of run.text) {
          const cp = ch.codePointAt(0)!;
          if (cp > 0x20 && !printable.has(cp)) {
            if (!has(cp)) {
              const text = p.runs.map((r) => r.text).join("");
              const at = offset + i;
              return { char: ch, codePoint: cp, path: originAt(p.origins, at), context: excerpt(text, at) };
            }
            printable.add(cp);
          }
          i += ch.length;
        }
      }
      offset += run.text.length;
    }
  }
  return undefined;
}

/** Up to 20 characters (code points) either side of the UTF-16 offset `at`. */
function excerpt(text: string, at: number): string {
  const before = Array.from(text.slice(0, at)).slice(-20).join("");
  const after = Array.from(text.slice(at)).slice(0, 21).join("");
  return before + after;
}

/**
 * The E_MISSING_GLYPH error for the first character of the document the font
 * `fontName` cannot print, at the plan's place for it (`locate`), or the plan
 * file for template text; undefined when every character prints. The same
 * message for `build` and for the web page.
 */
export function missingGlyphError(doc: DocumentModel, fontName: string, has: HasGlyph, locate: (path: PathSegment[]) => SourceLocation, file: string): UserError | undefined {
  const missing = firstMissingGlyph(doc, has);
  if (!missing) return undefined;
  const hex = missing.codePoint.toString(16).toUpperCase().padStart(4, "0");
  return new UserError("E_MISSING_GLYPH", `Phông chữ ${fontName} không có ký tự "${missing.char}" (U+${hex}): bản PDF không in được; hãy bỏ hoặc thay ký tự này (missing glyph)`, {
    location: missing.path ? locate(missing.path) : { file },
    ...(missing.path ? { path: formatPath(missing.path) } : {}),
    found: JSON.stringify(missing.context),
  });
}
