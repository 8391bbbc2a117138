// Our font reader (src/render/pdf/sfnt-info.ts) replaced fontkit in the
// command: it must give what fontkit gave — the glyph of every character and
// the metrics and names that go into the PDF — or the PDFs would change.
// fontkit stays a development dependency for this comparison.
import fontkit from "@pdf-lib/fontkit";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Cmap, readFaceInfo } from "../src/render/pdf/sfnt-info.ts";
import { readTableDirectory } from "../src/render/pdf/sfnt.ts";

const TINOS = "templates/fonts/tinos";
const LIBERATION = "/usr/share/fonts/truetype/liberation2";
const files = [
  ...readdirSync(TINOS).filter((n) => n.endsWith(".ttf")).map((n) => join(TINOS, n)),
  ...(existsSync(LIBERATION) ? readdirSync(LIBERATION).filter((n) => /^LiberationSerif-.*\.ttf$/.test(n)).map((n) => join(LIBERATION, n)) : []),
];

interface FontkitFont {
  unitsPerEm: number;
  postscriptName: string | null;
  familyName: string | null;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  underlinePosition: number;
  underlineThickness: number;
  "OS/2"?: { usWeightClass: number };
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { id: number };
}

describe.each(files)("%s", (file) => {
  const bytes = new Uint8Array(readFileSync(file));
  const fk = fontkit.create(Buffer.from(bytes)) as unknown as FontkitFont;
  const tables = readTableDirectory(bytes);

  it("has the same names and metrics as fontkit reads", () => {
    const info = readFaceInfo(bytes, tables);
    expect(info.unitsPerEm).toBe(fk.unitsPerEm);
    expect(info.postscriptName).toBe(fk.postscriptName);
    expect(info.familyName).toBe(fk.familyName);
    expect([info.ascent, info.descent, info.capHeight, info.italicAngle]).toEqual([fk.ascent, fk.descent, fk.capHeight, fk.italicAngle]);
    expect(info.bbox).toEqual({ minX: fk.bbox.minX, minY: fk.bbox.minY, maxX: fk.bbox.maxX, maxY: fk.bbox.maxY });
    expect([info.underlinePosition, info.underlineThickness, info.weight]).toEqual([fk.underlinePosition, fk.underlineThickness, fk["OS/2"]?.usWeightClass]);
  });

  it("maps every code point to the glyph fontkit maps it to (Vietnamese included)", () => {
    const cmap = new Cmap(bytes, tables);
    const mismatches: string[] = [];
    for (let cp = 0; cp < 0x20000; cp++) {
      const want = fk.hasGlyphForCodePoint(cp) ? fk.glyphForCodePoint(cp).id : 0;
      if (cmap.lookup(cp) !== want) mismatches.push(`U+${cp.toString(16)}: ${cmap.lookup(cp)} ≠ ${want}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    for (const ch of "ệữởĐđơưỶ") expect(cmap.lookup(ch.codePointAt(0)!), ch).toBeGreaterThan(0);
  });
});
