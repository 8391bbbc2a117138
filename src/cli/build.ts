// `kehoach build` and `kehoach check`: the shell around the pure core.
// What each path needs is imported when it runs (start-up time, issue 11): a
// build that finds nothing changed loads no renderer, no template, no schema.
import type { Finding } from "../check/rules.ts";
import type { DocumentModel } from "../document/model.ts";
import { formatDiagnostic, severityCounts, UserError } from "../errors.ts";
import type { LoadedPlan } from "../load/plan.ts";
import type { FontSet } from "../render/pdf/fonts.ts";
import { expandPlanInputs, planJobs, type PlanJob } from "../batch/inputs.ts";

export type { BuildOptions, Format, Io } from "../batch/options.ts";
export { FORMATS } from "../batch/options.ts";
import type { BuildOptions, Io } from "../batch/options.ts";

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
  if (opts.compare === undefined) return (await (await import("../batch/run.ts")).runBatch(inputs, { ...opts, tty: process.stderr.isTTY ? process.stderr : undefined }, io)).code;
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
  const [{ compareDocuments, revisionOf }, { loadPlan }, { planToDocument }, { buildOne, loadPdfModule }] = await Promise.all([
    import("../compare/index.ts"),
    import("../load/plan.ts"),
    import("../pipeline.ts"),
    import("../batch/build-one.ts"),
  ]);
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
  const result = await buildOne(jobs[0]!, fonts, { allowOutside: opts.allowOutside }, (doc, plan) => compareDocuments(oldDoc, doc, revisionOf(plan)), [opts.compare]);
  for (const l of result.lines) (l.err ? io.err : io.out)(l.text);
  return result.ok ? 0 : result.internal ? 3 : 1;
}

/** Loads, validates and checks one plan; the error-level findings stop a build. */
export async function loadAndCheck(file: string, opts: { allowOutside?: boolean | undefined } = {}): Promise<{ loaded?: LoadedPlan; findings: Finding[] }> {
  const [{ checkPlan }, { library }, { loadPlan }, { locate }, { planToDocument }] = await Promise.all([
    import("../check/rules.ts"),
    import("../load/library.ts"),
    import("../load/plan.ts"),
    import("../load/source.ts"),
    import("../pipeline.ts"),
  ]);
  try {
    const loaded = await loadPlan(file, { allowOutside: opts.allowOutside });
    const findings = checkPlan(loaded.plan, loaded.source, loaded.plan.directive ? library() : undefined);
    // rendering the markup also checks citations and numbering limits, reported at the plan's lines
    planToDocument(loaded.plan, { locate: (path) => locate(loaded.source, path) });
    return { loaded, findings };
  } catch (e) {
    if (e instanceof UserError) return { findings: e.diagnostics };
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
    for (const f of findings) io.out(formatDiagnostic(f));
    const errors = findings.filter((f) => f.severity === "error").length;
    const counts = severityCounts(findings);
    if (loaded) io.out(`${file}: ${errors ? "có lỗi" : "hợp lệ (ok)"} — ${loaded.plan.tasks.length} nhiệm vụ; ${counts}`);
    else io.out(`${file}: có lỗi — ${counts}`);
  }
  if (opts.json) io.out(JSON.stringify({ findings: all }, null, 2));
  return all.some((f) => f.severity === "error") ? 1 : 0;
}
