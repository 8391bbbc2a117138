// What a PDF needs to know about a TrueType face besides its glyphs: the
// character map, the names and the global metrics, read straight from the
// tables (OpenType spec: cmap, name, head, hhea, OS/2, post). This replaces
// fontkit, whose module alone took longer to load than a whole build (it
// decompresses its own data tables at import). Values and choices follow
// fontkit's, so the PDFs stay byte for byte the same.
import type { TableRecord } from "./sfnt.ts";

export interface FaceInfo {
  unitsPerEm: number;
  /** name ID 6 */
  postscriptName: string | undefined;
  /** name ID 1, English */
  familyName: string | undefined;
  /** hhea ascender and descender, font units */
  ascent: number;
  descent: number;
  /** OS/2 sCapHeight (version 2 and later), else undefined */
  capHeight: number | undefined;
  /** post italicAngle, degrees */
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  underlinePosition: number;
  underlineThickness: number;
  /** OS/2 usWeightClass */
  weight: number | undefined;
}

function need(tables: Map<string, TableRecord>, tag: string): TableRecord {
  const t = tables.get(tag);
  if (!t) throw new Error(`font lacks the '${tag}' table`);
  return t;
}

/** Windows English and Macintosh English name records count as "en", as in fontkit. */
function nameLanguage(platform: number, language: number): string {
  if ((platform === 3 && language === 0x409) || (platform === 1 && language === 0)) return "en";
  return `${platform}-${language}`;
}

function decodeName(bytes: Uint8Array, platform: number, encoding: number): string | undefined {
  if (platform === 0 || (platform === 3 && (encoding === 0 || encoding === 1 || encoding === 10))) {
    let s = "";
    for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  // Mac Roman: names are ASCII in practice; anything else is not decoded
  if (platform === 1 && encoding === 0 && bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
  return undefined;
}

/** name ID → language → string; a later record of the same language replaces an earlier one. */
function readNames(bytes: Uint8Array, dv: DataView, t: TableRecord): Map<number, Map<string, string>> {
  const out = new Map<number, Map<string, string>>();
  const count = dv.getUint16(t.offset + 2);
  const strings = t.offset + dv.getUint16(t.offset + 4);
  for (let i = 0; i < count; i++) {
    const r = t.offset + 6 + i * 12;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => dv.getUint16(r + o)) as [number, number, number, number, number, number];
    const s = decodeName(bytes.subarray(strings + offset, strings + offset + length), platform, encoding);
    const byLang = out.get(id) ?? new Map<string, string>();
    out.set(id, byLang);
    const lang = nameLanguage(platform, language);
    if (s !== undefined) byLang.set(lang, s);
    else if (!byLang.has(lang)) byLang.set(lang, ""); // keeps the language's place (fontkit's order)
  }
  return out;
}

export function readFaceInfo(bytes: Uint8Array, tables: Map<string, TableRecord>): FaceInfo {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = need(tables, "head").offset;
  const hhea = need(tables, "hhea").offset;
  const post = tables.get("post")?.offset;
  const os2 = tables.get("OS/2")?.offset;
  const names = tables.has("name") ? readNames(bytes, dv, tables.get("name")!) : new Map<number, Map<string, string>>();
  const ps = names.get(6);
  const os2Version = os2 === undefined ? -1 : dv.getUint16(os2);
  return {
    unitsPerEm: dv.getUint16(head + 18),
    // fontkit: the first language the PostScript name is given in
    postscriptName: ps && ps.size ? [...ps.values()][0] || undefined : undefined,
    familyName: names.get(1)?.get("en") || undefined,
    ascent: dv.getInt16(hhea + 4),
    descent: dv.getInt16(hhea + 6),
    capHeight: os2 !== undefined && os2Version >= 2 ? dv.getInt16(os2 + 88) : undefined,
    italicAngle: post === undefined ? 0 : dv.getInt32(post + 4) / 65536,
    bbox: { minX: dv.getInt16(head + 36), minY: dv.getInt16(head + 38), maxX: dv.getInt16(head + 40), maxY: dv.getInt16(head + 42) },
    underlinePosition: post === undefined ? 0 : dv.getInt16(post + 8),
    underlineThickness: post === undefined ? 0 : dv.getInt16(post + 10),
    weight: os2 === undefined ? undefined : dv.getUint16(os2 + 4),
  };
}

/** Code point → glyph id through the font's Unicode cmap subtable (formats 4 and 12), chosen as fontkit does. */
export class Cmap {
  private readonly dv: DataView;
  private readonly sub: number;
  private readonly format: number;

  constructor(bytes: Uint8Array, tables: Map<string, TableRecord>) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const cmap = need(tables, "cmap").offset;
    const n = this.dv.getUint16(cmap + 2);
    const subtables: { platform: number; encoding: number; offset: number }[] = [];
    for (let i = 0; i < n; i++) {
      const r = cmap + 4 + i * 8;
      subtables.push({ platform: this.dv.getUint16(r), encoding: this.dv.getUint16(r + 2), offset: cmap + this.dv.getUint32(r + 4) });
    }
    const order: [number, number][] = [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]];
    let found: number | undefined;
    for (const [p, e] of order) {
      found = subtables.find((s) => s.platform === p && s.encoding === e)?.offset;
      if (found !== undefined) break;
    }
    if (found === undefined) throw new Error("the font has no Unicode character map (cmap)");
    this.sub = found;
    this.format = this.dv.getUint16(found);
    if (this.format !== 4 && this.format !== 12) throw new Error(`unsupported cmap format ${this.format}`);
  }

  /** glyph id of a code point, 0 when the font lacks it */
  lookup(cp: number): number {
    const dv = this.dv;
    const t = this.sub;
    if (this.format === 4) {
      if (cp > 0xffff) return 0;
      const segCount = dv.getUint16(t + 6) >> 1;
      const ends = t + 14;
      const starts = ends + segCount * 2 + 2;
      const deltas = starts + segCount * 2;
      const rangeOffsets = deltas + segCount * 2;
      let lo = 0;
      let hi = segCount - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (cp < dv.getUint16(starts + mid * 2)) hi = mid - 1;
        else if (cp > dv.getUint16(ends + mid * 2)) lo = mid + 1;
        else {
          const delta = dv.getInt16(deltas + mid * 2);
          const ro = dv.getUint16(rangeOffsets + mid * 2);
          if (ro === 0) return (cp + delta) & 0xffff;
          const at = rangeOffsets + mid * 2 + ro + (cp - dv.getUint16(starts + mid * 2)) * 2;
          const g = dv.getUint16(at);
          return g === 0 ? 0 : (g + delta) & 0xffff;
        }
      }
      return 0;
    }
    const groups = dv.getUint32(t + 12);
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = t + 16 + mid * 12;
      if (cp < dv.getUint32(g)) hi = mid - 1;
      else if (cp > dv.getUint32(g + 4)) lo = mid + 1;
      else return dv.getUint32(g + 8) + (cp - dv.getUint32(g));
    }
    return 0;
  }
}
