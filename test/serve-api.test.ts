// What the page's buttons do, through the server's API: the plans' check
// status, "changes since last save" (diff report and tracked-changes DOCX),
// downloads, a new plan from a directive, and a commune plan (adapt).
import { cpSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deadlineText } from "../src/derive/format.ts";
import { parsePlan } from "../src/load/plan.ts";
import { createApp, PREVIEW_JSON_HEADER, PREVIEW_TYPE } from "../src/serve/app.ts";
import { allowedHosts } from "../src/serve/guard.ts";
import { Workspace } from "../src/serve/workspace.ts";
import { docxXml } from "./helpers/docx-text.ts";
import { tempDir } from "./helpers/run.ts";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const HOST = "127.0.0.1:4322";
let dir: string;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  dir = tempDir("kehoach-api-");
  cpSync("data", dir, { recursive: true });
  app = createApp(new Workspace(dir, realpathSync(dir)), { hosts: () => allowedHosts("127.0.0.1", 4322) });
});
const get = async (path: string) => (await app.request(`http://${HOST}${path}`, { headers: { host: HOST } })).json() as Promise<Obj>;
const post = (path: string, body: unknown) => app.request(`http://${HOST}${path}`, { method: "POST", headers: { host: HOST, "content-type": "application/json", "x-kehoach": "1" }, body: JSON.stringify(body) });

/** The preview's answer: its JSON, and the PDF's bytes after it. */
async function preview(body: unknown): Promise<{ json: Obj; pdf: Buffer }> {
  const r = await post("/api/preview", body);
  expect(r.headers.get("content-type")).toBe(PREVIEW_TYPE);
  const bytes = Buffer.from(await r.arrayBuffer());
  const n = Number(r.headers.get(PREVIEW_JSON_HEADER));
  return { json: JSON.parse(bytes.subarray(0, n).toString("utf8")) as Obj, pdf: bytes.subarray(n) };
}

describe("serve API", () => {
  it("lists every plan with its check status", async () => {
    const { plans } = await get("/api/plans");
    const bacKan = plans.find((p: Obj) => p.path === "bac-kan-ct25.yaml");
    expect(bacKan).toMatchObject({ errors: 0, tasks: 19 });
    expect(bacKan.title).toContain("Chỉ thị số 25-CT/TW");
    expect(plans.map((p: Obj) => p.path)).toContain("nq72/xa-dong-tam.yaml");
  });

  it("reports the changes since the last save and gives the DOCX with tracked changes", async () => {
    const { data } = await get("/api/plan?path=bac-kan-ct25.yaml");
    data.targets[3].text = data.targets[3].text.replace("trên 95% dân số", "trên 98% dân số");
    const { report } = (await (await post("/api/changes", { path: "bac-kan-ct25.yaml", data })).json()) as { report: string[] };
    expect(report.join("\n")).toMatch(/bao-hiem-y-te/);
    expect(report.join("\n")).toContain("98%");
    const docx = await post("/api/changes/docx", { path: "bac-kan-ct25.yaml", data });
    expect(docx.headers.get("content-disposition")).toContain("bac-kan-ct25-thay-doi.docx");
    const xml = docxXml(new Uint8Array(await docx.arrayBuffer()));
    expect(xml).toMatch(/<w:del [^>]*><w:r><w:delText xml:space="preserve">95%<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:t xml:space="preserve">98%<\/w:t>/);
  });

  it("shows each deadline as the plan prints it, in the plan's own phrasing", async () => {
    const { data, deadlines } = await get("/api/plan?path=bac-kan-ct25.yaml");
    expect(deadlines[0]).toBe("Quý II năm 2024");
    const { json: r } = await preview({ path: "bac-kan-ct25.yaml", data: { ...data, phrasing: { deadlines: "short" } } });
    expect(r.deadlines[0]).toBe(deadlineText({ kind: "quarter", quarter: 2, year: 2024 }, "short"));
    expect(r.deadlines[0]).not.toBe("Quý II năm 2024");
  });

  it("previews an edit as diagnostics plus the PDF's raw bytes, and no PDF while the plan has errors", async () => {
    const { data } = await get("/api/plan?path=bac-kan-ct25.yaml");
    data.signer.name = "Nguyễn Thị Ánh Tuyết";
    const ok = await preview({ path: "bac-kan-ct25.yaml", data });
    expect(ok.json).toMatchObject({ ok: true });
    expect(ok.json.diagnostics.filter((d: Obj) => d.severity === "error")).toEqual([]);
    expect(ok.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(ok.pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    data.tasks[0].lead = ["so-khong-co"];
    const bad = await preview({ path: "bac-kan-ct25.yaml", data });
    expect(bad.json.diagnostics.some((d: Obj) => d.code === "E_REFERENCE" && d.path === "tasks[0].lead[0]")).toBe(true);
    expect(bad.pdf.length).toBe(0);
  });

  it("downloads the edited plan as PDF, and refuses while it has errors", async () => {
    const { data } = await get("/api/plan?path=bac-kan-ct25.yaml");
    const pdf = await post("/api/download", { path: "bac-kan-ct25.yaml", data, format: "pdf" });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    data.tasks[0].lead = ["so-khong-co"];
    const bad = await post("/api/download", { path: "bac-kan-ct25.yaml", data, format: "pdf" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Obj).diagnostics[0]).toMatchObject({ code: "E_REFERENCE", path: "tasks[0].lead[0]" });
  });

  it("creates a plan from a directive (the init choices)", async () => {
    const r = await post("/api/init", { directive: "nq72", issuer: "Ủy ban nhân dân tỉnh Điện Biên", place: "Điện Biên", level: "province", family: "state", year: 2026, out: "dien-bien.yaml" });
    expect(((await r.json()) as Obj).path).toBe("dien-bien.yaml");
    const { plan } = parsePlan(join(dir, "dien-bien.yaml"), readFileSync(join(dir, "dien-bien.yaml"), "utf8"));
    expect(plan.issuer.fullName).toBe("Ủy ban nhân dân tỉnh Điện Biên");
    // never over an existing file
    const again = await post("/api/init", { directive: "nq72", issuer: "Ủy ban nhân dân tỉnh Điện Biên", place: "Điện Biên", level: "province", family: "state", year: 2026, out: "dien-bien.yaml" });
    expect(again.status).toBe(422);
    expect(((await again.json()) as Obj).error).toContain("E_OUTPUT_EXISTS");
  });

  it("adapts a provincial plan for a commune into a new file that extends it", async () => {
    const r = await post("/api/adapt", { path: "nq72/tinh-tuyen-quang.yaml", commune: "Yên Nguyên", family: "party", year: 2026, out: "nq72/xa-yen-nguyen.yaml" });
    expect(((await r.json()) as Obj).path).toBe("nq72/xa-yen-nguyen.yaml");
    const text = readFileSync(join(dir, "nq72/xa-yen-nguyen.yaml"), "utf8");
    expect(text).toContain("extends: tinh-tuyen-quang.yaml");
    const opened = await get("/api/plan?path=nq72/xa-yen-nguyen.yaml");
    expect(opened.diagnostics.filter((d: Obj) => d.severity === "error")).toEqual([]);
  });
});
