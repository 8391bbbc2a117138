// Font objects written by hand: Type0 + CIDFontType2 (Identity-H, glyph id =
// CID), a subset FontFile2 whose name carries the spec's six-letter tag, widths
// for exactly the glyphs used, and a ToUnicode CMap so text extracts correctly.
// The tag is derived from a hash of the glyph set: same input, same bytes.
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import type { Face } from "./fonts.ts";
import { literal, name, type PdfWriter, type Ref } from "./writer.ts";

/** Six uppercase letters from a hash of the face and its glyph set. */
export function subsetTag(face: Face, gids: number[]): string {
  const h = createHash("sha256").update(face.psName).update(Uint32Array.from(gids)).digest();
  let tag = "";
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (h[i]! % 26));
  return tag;
}

function utf16hex(cp: number): string {
  if (cp < 0x10000) return cp.toString(16).padStart(4, "0");
  const v = cp - 0x10000;
  return ((0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16)).padStart(8, "0");
}

function toUnicodeCMap(map: Map<number, number>): string {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  const parts = [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <ffff>",
    "endcodespacerange",
  ];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    parts.push(`${chunk.length} beginbfchar`);
    for (const [gid, cp] of chunk) parts.push(`<${gid.toString(16).padStart(4, "0")}> <${utf16hex(cp)}>`);
    parts.push("endbfchar");
  }
  parts.push("endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end");
  return parts.join("\n");
}

/** /W array for the used glyphs: runs of consecutive ids share one sub-array. */
function widths(face: Face, gids: number[]): (number | number[])[] {
  const out: (number | number[])[] = [];
  let i = 0;
  while (i < gids.length) {
    const start = gids[i]!;
    const ws: number[] = [];
    let g = start;
    while (i < gids.length && gids[i] === g) {
      ws.push(face.adv(g));
      i++;
      g++;
    }
    out.push(start, ws);
  }
  return out;
}

/** Deflates with zlib (native, deterministic for a given Node) and adds the stream. */
export function flateStream(pdf: PdfWriter, data: Uint8Array, extra: Record<string, number> = {}): Ref {
  return pdf.stream({ Filter: name("FlateDecode"), ...extra }, deflateSync(data));
}

/** Embeds one face with the glyphs in `used` (glyph id → code point); returns the Type0 font's ref. */
export function embedFace(pdf: PdfWriter, face: Face, used: Map<number, number>): Ref {
  const gids = face.glyphs.closure(used.keys());
  const fontName = name(`${subsetTag(face, gids)}+${face.psName}`);
  const fontFile = face.glyphs.subset(gids);
  const fileRef = flateStream(pdf, fontFile, { Length1: fontFile.length });
  const descriptor = pdf.add({
    Type: name("FontDescriptor"),
    FontName: fontName,
    Flags: face.flags,
    FontBBox: face.bbox,
    ItalicAngle: face.italicAngle,
    Ascent: face.ascent,
    Descent: face.descent,
    CapHeight: face.capHeight,
    StemV: face.stemV,
    FontFile2: fileRef,
  });
  // only glyphs drawn directly need widths; components of composites are never shown alone
  const shown = [...used.keys()].sort((a, b) => a - b);
  const cid = pdf.add({
    Type: name("Font"),
    Subtype: name("CIDFontType2"),
    BaseFont: fontName,
    CIDSystemInfo: { Registry: literal("Adobe"), Ordering: literal("Identity"), Supplement: 0 },
    FontDescriptor: descriptor,
    W: widths(face, shown),
    CIDToGIDMap: name("Identity"),
  });
  const toUnicode = flateStream(pdf, new TextEncoder().encode(toUnicodeCMap(used)));
  return pdf.add({
    Type: name("Font"),
    Subtype: name("Type0"),
    BaseFont: fontName,
    Encoding: name("Identity-H"),
    DescendantFonts: [cid],
    ToUnicode: toUnicode,
  });
}
