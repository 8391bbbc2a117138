// External checkers used only by tests: LibreOffice (does our DOCX open?),
// poppler (what does a PDF say, page by page?).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const has = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

/** Converts a DOCX to PDF with LibreOffice; returns the PDF path and what soffice printed. */
export function sofficeToPdf(docxPath: string, outDir: string): { pdf: string; log: string } {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  const r = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, docxPath], { encoding: "utf8", timeout: 180_000 });
  const name = docxPath.split("/").pop()!.replace(/\.docx$/, ".pdf");
  return { pdf: join(outDir, name), log: `${r.stdout}${r.stderr}` };
}

export function pdfPages(pdf: string): { width: number; height: number }[] {
  const out = execFileSync("pdfinfo", ["-f", "1", "-l", "999", pdf], { encoding: "utf8" });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

export function pdfPageText(pdf: string, page: number): string {
  return execFileSync("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
}

/** Text in content-stream order (-raw): table cells come out cell by cell, as in the seeds. */
export function pdfText(pdf: string): string {
  return execFileSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" });
}
