// Building one plan: load → check → document model → DOCX/PDF → write
// atomically → hash what was written. The same function runs in the main
// thread (few plans) and in worker threads (many), so results, messages and
// exit codes do not depend on which path ran. It never throws: every outcome,
// user mistake or internal error, is a result with the lines to print.
import { checkPlan } from "../check/rules.ts";
import { formatDiagnostic, internalMessage, UserError } from "../errors.ts";
import { writeAtomically } from "./output.ts";
import { library } from "../load/library.ts";
import { loadPlan, type LoadOptions } from "../load/plan.ts";
import { locate } from "../load/source.ts";
import { missingGlyphError } from "../document/glyphs.ts";
import type { DocumentModel } from "../document/model.ts";
import type { Plan } from "../model/plan.ts";
import { planToDocument } from "../pipeline.ts";
import type { FontSet } from "../render/pdf/fonts.ts";
import { sha256 } from "./hash.ts";
import { assertOutputsSpareInputs, InputSet } from "./protect-inputs.ts";
import type { PlanJob } from "./inputs.ts";

export interface Line {
  err: boolean;
  text: string;
}

export interface JobResult {
  file: string;
  base: string;
  ok: boolean;
  /** the files written and the sha256 of their bytes (empty when the plan failed) */
  outputs: { path: string; hash: string }[];
  /** what to print for this plan, in order */
  lines: Line[];
  /** an internal error (a bug of kehoach, exit code 3), not a mistake in the data */
  internal?: boolean;
}

// each renderer is loaded when its format is first asked for (-f docx never loads the PDF renderer, -f pdf never docx)
type DocxModule = typeof import("../render/docx/index.ts");
let docxModule: Promise<DocxModule> | undefined;
const loadDocxModule = (): Promise<DocxModule> => (docxModule ??= import("../render/docx/index.ts"));
type PdfModule = typeof import("../render/pdf/index.ts");
let pdfModule: Promise<PdfModule> | undefined;
/** The PDF renderer (layout, fonts, our own object writer): only when a PDF is asked for. */
export const loadPdfModule = (): Promise<PdfModule> => (pdfModule ??= import("../render/pdf/index.ts"));

export { internalMessage };

/** A last step on the document model before rendering (the compare build merges the old version in). */
export type DocumentTransform = (doc: DocumentModel, plan: Plan) => DocumentModel;

/** `otherInputs`: files read besides the plan's own chain and the fonts (the old version of --compare): never overwritten either. */
export async function buildOne(job: PlanJob, fonts: FontSet | undefined, load: LoadOptions = {}, transform?: DocumentTransform, otherInputs: readonly string[] = []): Promise<JobResult> {
  const { file, base } = job;
  const fail = (lines: Line[], internal = false): JobResult => ({ file, base, ok: false, outputs: [], lines, ...(internal ? { internal } : {}) });
  try {
    const { plan, source, files } = await loadPlan(file, load);
    const fontFiles = fonts && job.outputs.some((o) => o.format === "pdf") ? Object.values(fonts.faces).map((f) => f.file) : [];
    await assertOutputsSpareInputs(job.outputs.map((o) => o.path), await new InputSet().add([...files, ...fontFiles, ...otherInputs]));
    const blocking = checkPlan(plan, source, plan.directive ? library() : undefined).filter((f) => f.severity === "error");
    if (blocking.length) {
      return fail([
        ...blocking.map((f) => ({ err: true, text: formatDiagnostic(f) })),
        { err: true, text: `${file}: lỗi [E_CHECK]: kế hoạch có ${blocking.length} lỗi nhất quán, không dựng (plan has consistency errors; see kehoach check)` },
      ]);
    }
    const model = planToDocument(plan, { locate: (path) => locate(source, path) });
    const doc = transform ? transform(model, plan) : model;
    const outputs: { path: string; data: Uint8Array }[] = [];
    for (const o of job.outputs) {
      if (o.format === "docx") outputs.push({ path: o.path, data: await (await loadDocxModule()).renderDocx(doc) });
      else if (o.format === "pdf") {
        if (!fonts) throw new Error("PDF requested without fonts");
        const pdf = await loadPdfModule();
        // a character the font lacks is reported where the plan writes it, before rendering
        const missing = missingGlyphError(doc, fonts.name, (cp) => pdf.hasGlyph(fonts, cp), (path) => locate(source, path), file);
        if (missing) throw missing;
        outputs.push({ path: o.path, data: await pdf.renderPdf(doc, fonts) });
      }
    }
    await writeAtomically(outputs);
    return {
      file,
      base,
      ok: true,
      outputs: outputs.map((o) => ({ path: o.path, hash: sha256(o.data) })),
      lines: [{ err: false, text: `${file} → ${outputs.map((o) => o.path).join(", ")}` }],
    };
  } catch (e) {
    if (e instanceof UserError) return fail([{ err: true, text: e.format() }]);
    return fail([{ err: true, text: `${file}: ${internalMessage(e)}` }], true);
  }
}
