// Characters the PDF font lacks, found in the plan files themselves, so the
// message points at file:line:col and the field (the PDF renderer only knows
// the text around the character). Runs at the edge, before rendering.
import { UserError } from "../errors.ts";
import { formatPath, locate, type PathSegment, type YamlSource } from "../load/source.ts";

/** Whether every face of the font has the character (spaces and line breaks always pass). */
export type HasGlyph = (codePoint: number) => boolean;

export function assertGlyphs(src: YamlSource, has: HasGlyph, fontName: string): void {
  // each file once: the merged data of a child is checked through its own file and its parents
  for (let s: YamlSource | undefined = src; s; s = s.parent) checkData(s, s.parent ? childOwnData(s) : s.data, has, fontName);
}

/** The data written in this file (not what it inherited): its own parse, without the merge. */
function childOwnData(src: YamlSource): unknown {
  return src.doc.toJS({ maxAliasCount: 100 });
}

function checkData(src: YamlSource, data: unknown, has: HasGlyph, fontName: string): void {
  const walk = (v: unknown, path: PathSegment[]): void => {
    if (typeof v === "string") {
      for (const ch of v.normalize("NFC")) {
        const cp = ch.codePointAt(0)!;
        if (cp <= 0x20 || has(cp)) continue;
        const at = v.indexOf(ch);
        throw new UserError("E_MISSING_GLYPH", `Phông chữ ${fontName} không có ký tự "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, "0")}): bản PDF không in được; hãy bỏ hoặc thay ký tự này (missing glyph)`, {
          location: locate(src, path),
          path: formatPath(path),
          found: JSON.stringify(v.slice(Math.max(0, at - 20), at + 20)),
        });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
}
