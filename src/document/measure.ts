// Text width with Times New Roman metrics (from Tinos, metric-compatible),
// without loading a font: used to size rules under the header and title.
import metrics from "./tnr-metrics.json" with { type: "json" };

type Face = "regular" | "bold" | "italic" | "boldItalic";
const table = metrics as Record<Face, Record<string, number>>;

/** Width in pt of `text` at `size` pt; unknown characters count as an en space. */
export function textWidth(text: string, size: number, bold = false, italic = false): number {
  const face: Face = bold ? (italic ? "boldItalic" : "bold") : italic ? "italic" : "regular";
  const widths = table[face];
  let units = 0;
  for (const ch of text) units += widths[ch] ?? 500;
  return (units * size) / 1000;
}
