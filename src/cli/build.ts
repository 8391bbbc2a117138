// `kehoach build` and `kehoach check`: the shell around the pure core.
import { checkPlan, type Finding } from "../check/rules.ts";
import { compareDocuments, revisionOf } from "../compare/index.ts";
import type { DocumentModel } from "../document/model.ts";
import { UserError, UserErrors } from "../errors.ts";
import { library } from "../load/library.ts";
import { loadPlan, type LoadedPlan } from "../load/plan.ts";
import { planToDocument } from "../pipeline.ts";
import type { FontSet } from "../render/pdf/fonts.ts";
import { buildOne, loadPdfModule } from "../batch/build-one.ts";
import { expandPlanInputs, planJobs, type PlanJob } from "../batch/inputs.ts";
import { runBatch } from "../batch/run.ts";

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
  /** an older version of the plan: the outputs show what changed since (tracked changes, change bars) */
  compare?: string | undefined;
  /** rebuild every plan, even those whose inputs did not change */
  force?: boolean | undefined;
  /** let `extends` point outside the project folder */
  allowOutside?: boolean | undefined;
}

/** Files named on the command line, with folders expanded to their plan files (recursively, see batch/inputs.ts). */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  return (await expandPlanInputs(inputs)).map((p) => p.file);
}

export function report(io: Io, e: unknown): void {
  if (e instanceof UserError) io.err(e.format());
  else throw e;
}


export async function buildCommand(inputs: string[], opts: BuildOptions, io: Io): Promise<number> {
  // many plans, incremental, on worker threads: src/batch/ (--compare builds one plan, below)
  if (opts.compare === undefined) return (await runBatch(inputs, { ...opts, tty: process.stderr.isTTY ? process.stderr : undefined }, io)).code;
  let jobs: PlanJob[];
  try {
    jobs = await planJobs(inputs, opts.outDir, opts.formats);
  } catch (e) {
    report(io, e);
    return e instanceof UserError ? e.exitCode : 3;
  }
  if (jobs.length !== 1) {
    io.err(`lỗi [E_USAGE]: --compare so một kế hoạch với bản cũ của nó: cần đúng một tệp kế hoạch, nhận được ${jobs.length} (needs exactly one plan)`);
    return 2;
  }
  let oldDoc: DocumentModel;
  let fonts: FontSet | undefined;
  try {
    oldDoc = planToDocument((await loadPlan(opts.compare, { allowOutside: opts.allowOutside })).plan);
    if (opts.formats.includes("pdf")) {
      fonts = await (await loadPdfModule()).loadFonts({ fontDir: opts.fontDir });
      if (opts.verbose) io.err(`phông chữ PDF: ${fonts.name} (${fonts.source})`);
    }
  } catch (e) {
    report(io, e);
    return 1;
  }
  // the same one-plan build as every other, with the old version merged into the model
  const result = await buildOne(jobs[0]!, fonts, { allowOutside: opts.allowOutside }, (doc, plan) => compareDocuments(oldDoc, doc, revisionOf(plan)));
  for (const l of result.lines) (l.err ? io.err : io.out)(l.text);
  return result.ok ? 0 : result.internal ? 3 : 1;
}

const SEVERITY_VI: Record<Finding["severity"], string> = { error: "lỗi", warning: "cảnh báo", placeholder: "chỗ trống" };

export function formatFinding(f: Finding): string {
  const where = f.line ? `${f.file}:${f.line}:${f.col}` : f.file;
  return `${where}: ${SEVERITY_VI[f.severity]} [${f.code}]: ${f.message}${f.path ? `\n  trường [field] ${f.path}` : ""}`;
}

/** A user error as findings, so `check --json` reports load failures the same way. */
function errorFindings(e: UserError): Finding[] {
  const list = e instanceof UserErrors ? e.errors : [e];
  return list.map((x) => ({
    code: x.code,
    severity: "error" as const,
    message: [x.message, x.details.expected && `cần: ${x.details.expected}`, x.details.found !== undefined && `nhận được: ${x.details.found}`].filter(Boolean).join("; "),
    path: x.details.path ?? "",
    file: x.details.location?.file ?? "",
    line: x.details.location?.line ?? 0,
    col: x.details.location?.col ?? 0,
  }));
}

/** Loads, validates and checks one plan; the error-level findings stop a build. */
export async function loadAndCheck(file: string, opts: { allowOutside?: boolean | undefined } = {}): Promise<{ loaded?: LoadedPlan; findings: Finding[] }> {
  try {
    const loaded = await loadPlan(file, { allowOutside: opts.allowOutside });
    const findings = checkPlan(loaded.plan, loaded.source, loaded.plan.directive ? library() : undefined);
    // rendering the markup also checks citations and numbering limits
    planToDocument(loaded.plan);
    return { loaded, findings };
  } catch (e) {
    if (e instanceof UserError) return { findings: errorFindings(e) };
    throw e;
  }
}

export async function checkCommand(inputs: string[], opts: { json?: boolean | undefined; allowOutside?: boolean | undefined }, io: Io): Promise<number> {
  const files = await expandInputs(inputs);
  if (files.length === 0) {
    io.err("lỗi [E_USAGE]: không có tệp kế hoạch (.yaml) nào để kiểm tra (no plan files)");
    return 2;
  }
  const all: Finding[] = [];
  for (const file of files) {
    const { loaded, findings } = await loadAndCheck(file, { allowOutside: opts.allowOutside });
    all.push(...findings);
    if (opts.json) continue;
    for (const f of findings) io.out(formatFinding(f));
    const errors = findings.filter((f) => f.severity === "error").length;
    const counts = (["error", "warning", "placeholder"] as const).map((s) => `${findings.filter((f) => f.severity === s).length} ${SEVERITY_VI[s]}`).join(", ");
    if (loaded) io.out(`${file}: ${errors ? "có lỗi" : "hợp lệ (ok)"} — ${loaded.plan.tasks.length} nhiệm vụ; ${counts}`);
    else io.out(`${file}: có lỗi — ${counts}`);
  }
  if (opts.json) io.out(JSON.stringify({ findings: all }, null, 2));
  return all.some((f) => f.severity === "error") ? 1 : 0;
}
