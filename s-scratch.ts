import { writeFileSync } from "node:fs";
import { samplePlan } from "./test/fixtures/pdf/sample.ts";
import { loadFonts, renderPdf } from "./src/render/pdf/index.ts";
const fonts = await loadFonts();
writeFileSync("/tmp/pdfcheck/ours.pdf", await renderPdf(samplePlan(), fonts));
