// Micro-benchmark of the PDF renderer: one-time costs (loading the renderer,
// parsing the four faces) and the warm median of rendering a
// ~12-page plan 30 times in one process; also DOCX + PDF together, the
// figure the speed target is about. Run: npx tsx test/bench/pdf-micro.ts
import { samplePlan } from "../fixtures/pdf/sample.ts";

const RUNS = 30;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

let t = performance.now();
const pdf = await import("../../src/render/pdf/index.ts");
const importMs = performance.now() - t;
t = performance.now();
const fonts = await pdf.loadFonts();
const fontMs = performance.now() - t;

const doc = samplePlan({ chapters: 3 });
t = performance.now();
const first = await pdf.renderPdf(doc, fonts);
const firstMs = performance.now() - t;

const pdfTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const a = performance.now();
  await pdf.renderPdf(doc, fonts);
  pdfTimes.push(performance.now() - a);
}

const { renderDocx } = await import("../../src/render/docx/index.ts");
await renderDocx(doc);
const bothTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const a = performance.now();
  await renderDocx(doc);
  await pdf.renderPdf(doc, fonts);
  bothTimes.push(performance.now() - a);
}

const pages = (new TextDecoder("latin1").decode(first).match(/\/Type \/Page\b/g) ?? []).length;
console.log(`fonts: ${fonts.name} (${fonts.source})`);
console.log(`one-time: import the renderer ${ms(importMs)}, loadFonts ${ms(fontMs)}, first render ${ms(firstMs)}`);
console.log(`PDF, ${pages} pages, ${(first.length / 1024).toFixed(0)} KB: median ${ms(median(pdfTimes))} (min ${ms(Math.min(...pdfTimes))}, max ${ms(Math.max(...pdfTimes))}) over ${RUNS} runs`);
console.log(`DOCX + PDF: median ${ms(median(bothTimes))} (min ${ms(Math.min(...bothTimes))}) over ${RUNS} runs`);
