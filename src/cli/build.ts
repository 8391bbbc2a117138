// `kehoach build` and `kehoach check`: the shell around the pure core.
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { UserError } from "../errors.ts";
import { loadPlan } from "../load/plan.ts";
import { planToDocument } from "../pipeline.ts";
import { renderDocx } from "../render/docx/index.ts";
import { writeAtomically } from "./output.ts";

export type Format = "docx" | "pdf";
export const FORMATS: Format[] = ["docx", "pdf"];

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export interface BuildOptions {
  outDir: string;
  formats: Format[];
  fontDir?: string | undefined;
  verbose?: boolean | undefined;
}

const PLAN_EXT = new Set([".yaml", ".yml"]);

/** Files named on the command line, with folders expanded to their plan files. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch {
      isDir = false; // a missing file is reported when it is read
    }
    if (isDir) {
      const names = (await readdir(input)).filter((n) => PLAN_EXT.has(extname(n)) && !n.startsWith(".")).sort();
      files.push(...names.map((n) => join(input, n)));
    } else files.push(input);
  }
  return files;
}

export function report(io: Io, e: unknown): void {
  if (e instanceof UserError) io.err(e.format());
  else throw e;
}

type PdfModule = typeof import("../render/pdf/index.ts");
let pdfModule: Promise<PdfModule> | undefined;
/** pdf-lib and fontkit cost ~300 ms to load: only when a PDF is asked for. */
const loadPdfModule = (): Promise<PdfModule> => (pdfModule ??= import("../render/pdf/index.ts"));

export async function buildCommand(inputs: string[], opts: BuildOptions, io: Io): Promise<number> {
  const files = await expandInputs(inputs);
  if (files.length === 0) {
    io.err("lỗi [E_USAGE]: không có tệp kế hoạch (.yaml) nào để dựng (no plan files)");
    return 2;
  }
  let fonts: Awaited<ReturnType<PdfModule["loadFonts"]>> | undefined;
  if (opts.formats.includes("pdf")) {
    try {
      const pdf = await loadPdfModule();
      fonts = await pdf.loadFonts({ fontDir: opts.fontDir });
      if (opts.verbose) io.err(`phông chữ PDF: ${fonts.name} (${fonts.source})`);
    } catch (e) {
      report(io, e);
      return 1;
    }
  }
  let failed = 0;
  for (const file of files) {
    try {
      const { plan } = await loadPlan(file);
      const doc = planToDocument(plan);
      const name = basename(file, extname(file));
      const outputs: { path: string; data: Uint8Array }[] = [];
      if (opts.formats.includes("docx")) outputs.push({ path: join(opts.outDir, `${name}.docx`), data: await renderDocx(doc) });
      if (opts.formats.includes("pdf") && fonts) {
        const pdf = await loadPdfModule();
        outputs.push({ path: join(opts.outDir, `${name}.pdf`), data: await pdf.renderPdf(doc, fonts) });
      }
      await writeAtomically(outputs);
      io.out(`${file} → ${outputs.map((o) => o.path).join(", ")}`);
    } catch (e) {
      failed++;
      report(io, e);
    }
  }
  if (failed > 0) io.err(`${failed}/${files.length} kế hoạch lỗi, không ghi tệp nào cho chúng (failed plans wrote nothing)`);
  return failed > 0 ? 1 : 0;
}

export async function checkCommand(inputs: string[], io: Io): Promise<number> {
  const files = await expandInputs(inputs);
  if (files.length === 0) {
    io.err("lỗi [E_USAGE]: không có tệp kế hoạch (.yaml) nào để kiểm tra (no plan files)");
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const { plan } = await loadPlan(file);
      // rendering the markup also checks citations and numbering limits
      planToDocument(plan);
      io.out(`${file}: hợp lệ (ok) — ${plan.tasks.length} nhiệm vụ, ${Object.keys(plan.agencies).length} cơ quan`);
    } catch (e) {
      failed++;
      report(io, e);
    }
  }
  return failed > 0 ? 1 : 0;
}
