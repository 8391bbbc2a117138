// What the page can do with the plans of one folder, without HTTP: list them
// with their check status, open one as data, evaluate edited data (the
// diagnostics and the PDF the CLI would give for it), save it back.
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { plansUnder } from "../batch/inputs.ts";
import { sha256 } from "../batch/hash.ts";
import { checkPlan } from "../check/rules.ts";
import { writeAtomically, writeNewFile } from "../batch/output.ts";
import { comparePlans } from "../compare/index.ts";
import { printedDeadline, type DeadlineStyle } from "../derive/format.ts";
import { phrasingOf } from "../derive/view.ts";
import { formatReport } from "../diff/format.ts";
import { diffPlans } from "../diff/plans.ts";
import { missingGlyphError } from "../document/glyphs.ts";
import { UserError } from "../errors.ts";
import { loadSourceChain } from "../load/extends.ts";
import { library } from "../load/library.ts";
import { readTextFile, validatePlanSource, type LoadedPlan } from "../load/plan.ts";
import { locate } from "../load/source.ts";
import type { Plan } from "../model/plan.ts";
import type { DocumentModel } from "../document/model.ts";
import { planToDocument } from "../pipeline.ts";
import { renderDocx } from "../render/docx/index.ts";
import type { FontSet } from "../render/pdf/fonts.ts";
import { forPage, fromUserError, type Diagnostic } from "./diagnostics.ts";
import { pageName, planPath } from "./paths.ts";
import { patchYaml } from "./yaml-patch.ts";

type PdfModule = typeof import("../render/pdf/index.ts");

export interface Agency {
  id: string;
  name: string;
}

export interface Evaluation {
  diagnostics: Diagnostic[];
  /** the plan as validated (undefined when loading failed) */
  plan?: Plan;
  /** its document model (made while checking; the PDF is rendered from it) */
  document?: DocumentModel;
  agencies: Agency[];
  /** how each task's deadline prints, by task index ("" when it cannot be read) */
  deadlines: string[];
  /** the plan's way of printing deadlines */
  deadlineStyle: DeadlineStyle;
}

export interface OpenedPlan {
  path: string;
  hash: string;
  data: unknown;
  evaluation: Evaluation;
}

export class Conflict extends Error {
  constructor() {
    super("tệp đã thay đổi trên đĩa (file changed on disk)");
  }
}

export class Workspace {
  private pdf?: Promise<{ mod: PdfModule; fonts: FontSet }>;
  /** the text each open plan had when the page loaded it (by real path) */
  private readonly loaded = new Map<string, string>();

  constructor(readonly root: string, readonly realRoot: string) {}

  private pdfKit(): Promise<{ mod: PdfModule; fonts: FontSet }> {
    this.pdf ??= import("../render/pdf/index.ts").then(async (mod) => ({ mod, fonts: await mod.loadFonts({}) }));
    return this.pdf;
  }

  async list(): Promise<{ path: string; title: string; errors: number; warnings: number; placeholders: number; tasks: number }[]> {
    const files = await plansUnder(this.realRoot);
    const out = [];
    for (const file of files) {
      const text = await readFile(file, "utf8").catch(() => "");
      const ev = await this.evaluateText(file, text);
      const count = (s: Diagnostic["severity"]) => ev.diagnostics.filter((d) => d.severity === s).length;
      const title = ev.plan ? citationsAsNames(ev.plan.title.join(" "), ev.plan) : "";
      out.push({ path: pageName(this.realRoot, file), title, errors: count("error"), warnings: count("warning"), placeholders: count("placeholder"), tasks: ev.plan?.tasks.length ?? 0 });
    }
    return out;
  }

  async open(rel: unknown): Promise<OpenedPlan> {
    const file = await planPath(this.realRoot, rel);
    const text = await readTextFile(file);
    this.loaded.set(file, text);
    let data: unknown;
    try {
      data = parse(text.normalize("NFC"));
    } catch {
      data = {};
    }
    return { path: pageName(this.realRoot, file), hash: sha256(new TextEncoder().encode(text)), data, evaluation: await this.evaluateText(file, text) };
  }

  /** The text the page's data would be saved as, made from the text the page loaded. */
  private async edited(file: string, data: unknown): Promise<string> {
    const base = this.loaded.get(file) ?? (await readTextFile(file));
    this.loaded.set(file, base);
    return patchYaml(base, nfc(data));
  }

  async evaluate(rel: unknown, data: unknown): Promise<Evaluation> {
    const file = await planPath(this.realRoot, rel);
    // the patched text reads back as exactly this data (patchYaml checks it): no need to parse it for that
    return this.evaluateText(file, await this.edited(file, data), isRecord(data) ? (nfc(data) as Record<string, unknown>) : undefined);
  }

  /** Diagnostics of a plan text, as `kehoach check` reports them, plus what the page needs to show. */
  async evaluateText(file: string, text: string, data?: Record<string, unknown>): Promise<Evaluation> {
    const agencies = new Map<string, string>();
    const own = data ?? safeParse(text);
    const levelRegistry = typeof own?.level === "string" ? library().levels.get(own.level as never)?.agencies : undefined;
    for (const [id, a] of Object.entries(levelRegistry ?? {})) agencies.set(id, a.name);
    let loaded: LoadedPlan | undefined;
    let document: DocumentModel | undefined;
    const diagnostics: Diagnostic[] = [];
    try {
      const source = await loadSourceChain(file, { read: (f) => (f === file ? Promise.resolve(text) : readTextFile(f)), root: this.realRoot });
      loaded = validatePlanSource(source);
      const src = loaded.source;
      for (const f of checkPlan(loaded.plan, src, loaded.plan.directive ? library() : undefined)) diagnostics.push(forPage(f));
      // rendering the markup also checks citations and numbering limits, as `kehoach check` does
      document = planToDocument(loaded.plan, { locate: (path) => locate(src, path) });
      // and a character the PDF font lacks, where the plan writes it (as `kehoach build` reports it)
      const { mod, fonts } = await this.pdfKit();
      const missing = missingGlyphError(document, fonts.name, (cp) => mod.hasGlyph(fonts, cp), (path) => locate(src, path), file);
      if (missing) diagnostics.push(...fromUserError(missing));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      diagnostics.push(...fromUserError(e));
    }
    for (const [id, a] of Object.entries(loaded?.plan.agencies ?? {})) agencies.set(id, a.name);
    const ownAgencies = own?.agencies;
    if (ownAgencies && typeof ownAgencies === "object") for (const [id, a] of Object.entries(ownAgencies)) if (typeof (a as { name?: unknown })?.name === "string") agencies.set(id, (a as { name: string }).name);
    const tasks = Array.isArray(own?.tasks) ? (own.tasks as { deadline?: unknown }[]) : [];
    // as the plan prints them: its own phrasing ("Quý IV năm 2025" or "Quý IV/2025")
    const style = loaded ? phrasingOf(loaded.plan).deadlines : "long";
    const deadlines = tasks.map((t) => printedDeadline(t?.deadline, style, () => ""));
    return { diagnostics, plan: loaded?.plan, document, deadlineStyle: style, agencies: [...agencies].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "vi")), deadlines };
  }

  /** The PDF of a validated plan (the same renderer as `kehoach build`). */
  async pdfOf(document: DocumentModel): Promise<Uint8Array> {
    const { mod, fonts } = await this.pdfKit();
    return mod.renderPdf(document, fonts);
  }

  async docxOf(document: DocumentModel): Promise<Uint8Array> {
    return renderDocx(document);
  }

  async save(rel: unknown, data: unknown, baseHash: string, force = false): Promise<{ hash: string; text: string }> {
    const file = await planPath(this.realRoot, rel);
    const disk = await readTextFile(file);
    if (!force && sha256(new TextEncoder().encode(disk)) !== baseHash) throw new Conflict();
    const text = patchYaml(disk, nfc(data));
    await writeAtomically([{ path: file, data: new TextEncoder().encode(text) }]);
    this.loaded.set(file, text);
    return { hash: sha256(new TextEncoder().encode(text)), text };
  }

  /** Forgets the page's base text (after a reload from disk). */
  /** "Changes since last save": the diff report and the DOCX with tracked changes, saved file → edited data. */
  async changes(rel: unknown, data: unknown): Promise<{ report: string[]; saved?: Plan; edited?: Plan; diagnostics: Diagnostic[] }> {
    const file = await planPath(this.realRoot, rel);
    const savedEv = await this.evaluateText(file, await readTextFile(file));
    const editedEv = await this.evaluate(rel, data);
    if (!savedEv.plan || !editedEv.plan) return { report: [], diagnostics: [...savedEv.diagnostics, ...editedEv.diagnostics].filter((d) => d.severity === "error") };
    const changes = diffPlans(savedEv.plan, editedEv.plan);
    const name = pageName(this.realRoot, file);
    return { report: formatReport(changes, { old: `${name} (đã lưu)`, new: `${name} (đang sửa)` }), saved: savedEv.plan, edited: editedEv.plan, diagnostics: [] };
  }

  async trackedDocx(saved: Plan, edited: Plan): Promise<Uint8Array> {
    return renderDocx(comparePlans(saved, edited));
  }

  /** Writes a new plan file (init, adapt); refuses to replace one. */
  async create(rel: unknown, text: string): Promise<string> {
    const file = await planPath(this.realRoot, rel, { mustExist: false });
    await writeNewFile(file, text, false);
    return pageName(this.realRoot, file);
  }

  async loadedPlan(rel: unknown): Promise<{ file: string; plan?: Plan; diagnostics: Diagnostic[] }> {
    const file = await planPath(this.realRoot, rel);
    const ev = await this.evaluateText(file, await readTextFile(file));
    return { file, plan: ev.plan, diagnostics: ev.diagnostics };
  }
}


/** "{nq72:full}" → "Nghị quyết số 72-NQ/TW", for the list of plans. */
function citationsAsNames(text: string, plan: Plan): string {
  return text.replace(/\{([a-z0-9][a-z0-9-_.]*)(?::\w+)?\}/g, (m, id: string) => {
    const c = plan.documents[id];
    return c ? `${c.kind} số ${c.number}` : m;
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const v = parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Text from the page is stored NFC, like everything the loader reads. */
export function nfc(v: unknown): unknown {
  if (typeof v === "string") return v.normalize("NFC");
  if (Array.isArray(v)) return v.map(nfc);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.normalize("NFC"), nfc(x)]));
  return v;
}
