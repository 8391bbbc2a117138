// Generates src/document/tnr-metrics.json: advance widths (per 1000 em) of the
// Times New Roman–compatible Tinos faces for Latin and Vietnamese characters.
// The document stage uses them to size rules (e.g. "as long as the motto")
// without loading a font. Run: npx tsx test/tools/gen-metrics.ts
import fontkit from "@pdf-lib/fontkit";
import { readFileSync, writeFileSync } from "node:fs";

const faces = { regular: "Regular", bold: "Bold", italic: "Italic", boldItalic: "BoldItalic" } as const;
const chars: number[] = [];
for (let c = 0x20; c <= 0x7e; c++) chars.push(c);
for (let c = 0xa0; c <= 0x24f; c++) chars.push(c);
for (let c = 0x1ea0; c <= 0x1ef9; c++) chars.push(c);
chars.push(0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x20ab, 0x2264, 0x2265);
const out: Record<string, Record<string, number>> = {};
for (const [key, face] of Object.entries(faces)) {
  const font = fontkit.create(readFileSync(`templates/fonts/tinos/Tinos-${face}.ttf`));
  const widths: Record<string, number> = {};
  for (const c of chars) {
    if (!font.hasGlyphForCodePoint(c)) continue;
    const g = font.glyphForCodePoint(c);
    widths[String.fromCodePoint(c)] = Math.round((g.advanceWidth * 1000) / font.unitsPerEm);
  }
  out[key] = widths;
}
writeFileSync("src/document/tnr-metrics.json", JSON.stringify(out) + "\n");
console.log("wrote src/document/tnr-metrics.json");
