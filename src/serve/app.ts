// The HTTP face of a Workspace (Hono): JSON in and out, the page's bundle,
// and the safety rules of issue 15 — local Host/Origin only, paths inside
// the served folder, bounded request bodies, no code from the page.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { stringify } from "yaml";
import { communePlan, communeYaml } from "../adapt/commune.ts";
import { yearOption } from "../cli/options.ts";
import { internalMessage, UserError } from "../errors.ts";
import { ROOT } from "../paths.ts";
import { starterPlan, starterYaml } from "../init/starter.ts";
import { library } from "../load/library.ts";
import { LEVELS, type Level } from "../model/levels.ts";
import { fromUserError } from "./diagnostics.ts";
import { hostGuard } from "./guard.ts";
import { PathRefused, planPath } from "./paths.ts";
import { Conflict, Workspace, type Evaluation } from "./workspace.ts";
import { exportWorkbook, importWorkbook } from "./xlsx.ts";
import { PatchError } from "./yaml-patch.ts";

export const WEB_DIST = join(ROOT, "web", "dist", "/");
/** the page's files: a fixed list, never a path from the request */
const ASSETS: Record<string, string> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/app.css": "app.css",
  "/pdf.worker.min.mjs": "pdf.worker.min.mjs",
};
const TYPES: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", mjs: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

/** Request bodies above this are refused (a plan is < 5 MB; a workbook is sent as base64). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

type Obj = Record<string, unknown>;

export interface AppOptions {
  /** host:port names the server answers to (see guard.ts) */
  hosts: () => Set<string>;
  webDir?: string;
}

async function body(c: Context): Promise<Obj> {
  const v = (await c.req.json().catch(() => undefined)) as unknown;
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new UserError("E_USAGE", "Yêu cầu phải là một đối tượng JSON (JSON object expected)");
  return v as Obj;
}

const str = (v: unknown, field: string): string => {
  if (typeof v !== "string" || v.trim() === "") throw new UserError("E_USAGE", `Thiếu trường ${field} (missing ${field})`, { path: field });
  return v.normalize("NFC").trim();
};

function evaluationJson(ev: Evaluation): Obj {
  return { diagnostics: ev.diagnostics, agencies: ev.agencies, deadlines: ev.deadlines, ok: ev.plan !== undefined };
}

function download(c: Context, bytes: Uint8Array, name: string, type: string): Response {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "Content-Type": type, "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}` });
}

/**
 * The preview's answer: the evaluation as UTF-8 JSON, then the PDF's bytes
 * (none when the plan has errors); the header says where the JSON ends.
 */
export const PREVIEW_TYPE = "application/x-kehoach-preview";
export const PREVIEW_JSON_HEADER = "X-Kehoach-Json-Bytes";
export function previewBody(json: Obj, pdf: Uint8Array | undefined): { bytes: Uint8Array; jsonBytes: number } {
  const head = new TextEncoder().encode(JSON.stringify(json));
  const bytes = new Uint8Array(head.length + (pdf?.length ?? 0));
  bytes.set(head);
  if (pdf) bytes.set(pdf, head.length);
  return { bytes, jsonBytes: head.length };
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const baseName = (p: string) => (p.split("/").pop() ?? p).replace(/\.ya?ml$/i, "");

export function createApp(ws: Workspace, opts: AppOptions): Hono {
  const app = new Hono();
  const webDir = opts.webDir ?? WEB_DIST;
  app.use("*", hostGuard(opts.hosts));
  app.use(
    "/api/*",
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `Yêu cầu quá lớn (request too large, > ${MAX_BODY_BYTES} byte)` }, 413) }),
  );

  app.onError((e, c) => {
    if (e instanceof PathRefused) return c.json({ error: e.message }, 403);
    if (e instanceof Conflict) return c.json({ error: e.message, conflict: true }, 409);
    if (e instanceof UserError) return c.json({ error: e.format(), diagnostics: fromUserError(e) }, 422);
    if (e instanceof PatchError) return c.json({ error: `lỗi nội bộ [E_INTERNAL]: ${e.message}` }, 500);
    return c.json({ error: internalMessage(e) }, 500);
  });

  for (const [route, file] of Object.entries(ASSETS)) {
    app.get(route, async (c) => {
      const bytes = await readFile(join(webDir, file)).catch(() => undefined);
      if (!bytes) return c.text("Chưa dựng trang: chạy npm run build:web (page bundle missing)", 500);
      return c.body(new Uint8Array(bytes), 200, { "Content-Type": TYPES[file.split(".").pop()!] ?? "application/octet-stream" });
    });
  }

  app.get("/favicon.ico", (c) => c.body(null, 204));

  app.get("/api/plans", async (c) => c.json({ plans: await ws.list(), folder: ws.root }));

  app.get("/api/plan", async (c) => {
    const p = await ws.open(c.req.query("path"));
    return c.json({ path: p.path, hash: p.hash, data: p.data, ...evaluationJson(p.evaluation) });
  });

  // the edited data: its diagnostics, and the PDF when the plan is valid, in
  // one binary answer (see previewBody) so the PDF needs no base64 either way
  app.post("/api/preview", async (c) => {
    const b = await body(c);
    const ev = await ws.evaluate(b.path, b.data);
    const blocking = ev.diagnostics.some((d) => d.severity === "error");
    const pdf = ev.document && !blocking ? await ws.pdfOf(ev.document) : undefined;
    const { bytes, jsonBytes } = previewBody(evaluationJson(ev), pdf);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "Content-Type": PREVIEW_TYPE, [PREVIEW_JSON_HEADER]: String(jsonBytes) });
  });

  app.post("/api/save", async (c) => {
    const b = await body(c);
    const saved = await ws.save(b.path, b.data, String(b.hash ?? ""), b.force === true);
    return c.json({ hash: saved.hash });
  });

  app.post("/api/download", async (c) => {
    const b = await body(c);
    const ev = await ws.evaluate(b.path, b.data);
    if (!ev.document || ev.diagnostics.some((d) => d.severity === "error")) return c.json({ error: "Kế hoạch còn lỗi, chưa tải được (plan has errors)", diagnostics: ev.diagnostics }, 422);
    const name = baseName(String(b.path));
    if (b.format === "pdf") return download(c, await ws.pdfOf(ev.document), `${name}.pdf`, "application/pdf");
    return download(c, await ws.docxOf(ev.document), `${name}.docx`, DOCX);
  });

  app.post("/api/changes", async (c) => {
    const b = await body(c);
    const ch = await ws.changes(b.path, b.data);
    return c.json({ report: ch.report, diagnostics: ch.diagnostics });
  });

  app.post("/api/changes/docx", async (c) => {
    const b = await body(c);
    const ch = await ws.changes(b.path, b.data);
    if (!ch.saved || !ch.edited) return c.json({ error: "Kế hoạch còn lỗi, chưa so sánh được (plan has errors)", diagnostics: ch.diagnostics }, 422);
    return download(c, await ws.trackedDocx(ch.saved, ch.edited), `${baseName(String(b.path))}-thay-doi.docx`, DOCX);
  });

  app.get("/api/library", (c) => {
    const lib = library();
    return c.json({
      directives: [...lib.directives.values()].map((d) => ({ id: d.id, name: `${d.citation.kind} số ${d.citation.number}`, title: d.citation.title })),
      levels: LEVELS,
    });
  });

  app.post("/api/init", async (c) => {
    const b = await body(c);
    const level = str(b.level, "level") as Level;
    if (!LEVELS.includes(level)) throw new UserError("E_USAGE", "Cấp không hợp lệ (invalid level)", { path: "level", expected: LEVELS.join(", "), found: level });
    const family = b.family === "party" ? "party" : "state";
    const o = { directive: str(b.directive, "directive"), issuer: str(b.issuer, "issuer"), place: str(b.place, "place"), level, family, year: yearOption(b.year === undefined || b.year === "" ? undefined : String(b.year)) } as const;
    const text = starterYaml(starterPlan(o, library()), o, (v) => stringify(v, { lineWidth: 100 }));
    return c.json({ path: await ws.create(str(b.out, "out"), text) });
  });

  app.post("/api/adapt", async (c) => {
    const b = await body(c);
    const { file, plan } = await ws.loadedPlan(b.path);
    if (!plan) throw new UserError("E_CHECK", "Kế hoạch của tỉnh còn lỗi, chưa chuyển được (province plan has errors)", { location: { file } });
    const out = await planPath(ws.realRoot, str(b.out, "out"), { mustExist: false });
    const { dirname, relative } = await import("node:path");
    const extendsPath = relative(dirname(out), file).split("\\").join("/");
    const o = { commune: str(b.commune, "commune"), family: b.family === "state" ? ("state" as const) : ("party" as const), year: yearOption(b.year === undefined || b.year === "" ? undefined : String(b.year)), extendsPath };
    const text = communeYaml(communePlan(plan, o, library()), extendsPath, (v) => stringify(v, { lineWidth: 100 }));
    return c.json({ path: await ws.create(str(b.out, "out"), text) });
  });

  app.post("/api/xlsx/export", async (c) => {
    const b = await body(c);
    const ev = await ws.evaluate(b.path, b.data);
    return download(c, await exportWorkbook(b.data as Obj, ev.agencies, ev.deadlineStyle), `${baseName(String(b.path))}-nhiem-vu.xlsx`, XLSX);
  });

  app.post("/api/xlsx/import", async (c) => {
    const b = await body(c);
    const ev = await ws.evaluate(b.path, b.data);
    const bytes = Buffer.from(str(b.xlsx, "xlsx"), "base64");
    return c.json(await importWorkbook(new Uint8Array(bytes), b.data as Obj, ev.agencies, ev.deadlineStyle));
  });

  return app;
}
