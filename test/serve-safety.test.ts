// The safety rules of `kehoach serve`: only this machine's page may talk to
// it, only inside the served folder, with bounded requests, and never over a
// file that changed on disk since the page loaded it.
import { cpSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp, MAX_BODY_BYTES } from "../src/serve/app.ts";
import { allowedHosts } from "../src/serve/guard.ts";
import { Workspace } from "../src/serve/workspace.ts";
import { docxText } from "./helpers/docx-text.ts";
import { tempDir } from "./helpers/run.ts";

const PORT = 4321;
const HOST = `127.0.0.1:${PORT}`;
let dir: string;
let outside: string;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  const base = tempDir("kehoach-safe-");
  dir = join(base, "ke-hoach");
  outside = join(base, "ngoai");
  mkdirSync(outside);
  cpSync("data", dir, { recursive: true });
  writeFileSync(join(outside, "bi-mat.yaml"), "secret: Đừng đọc tôi\n");
  symlinkSync(join(outside, "bi-mat.yaml"), join(dir, "lien-ket.yaml"));
  app = createApp(new Workspace(dir, realpathSync(dir)), { hosts: () => allowedHosts("127.0.0.1", PORT) });
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(`http://${HOST}${path}`, { headers: { host: HOST, ...headers } });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(`http://${HOST}${path}`, { method: "POST", headers: { host: HOST, "content-type": "application/json", "x-kehoach": "1", origin: `http://${HOST}`, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("Host and Origin", () => {
  it("answers the local page", async () => {
    expect((await get("/api/plans")).status).toBe(200);
    expect((await get("/api/plans", { host: `localhost:${PORT}` })).status).toBe(200);
  });
  it("refuses a foreign Host (DNS rebinding)", async () => {
    const r = await get("/api/plans", { host: `attacker.example:${PORT}` });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: string }).error).toContain("foreign Host");
    expect((await get("/api/plans", { host: "127.0.0.1:9999" })).status).toBe(403);
  });
  it("refuses another site's page (Origin)", async () => {
    const r = await post("/api/save", { path: "bac-kan-ct25.yaml", data: {}, hash: "" }, { origin: "http://evil.example" });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: string }).error).toContain("foreign Origin");
    expect((await get("/api/plan?path=bac-kan-ct25.yaml", { origin: "null" })).status).toBe(403);
  });
  it("refuses a write without the page's own header (a plain cross-site form)", async () => {
    expect((await post("/api/save", {}, { "x-kehoach": "" })).status).toBe(403);
  });
});

describe("paths", () => {
  it("opens a plan inside the folder", async () => {
    const r = await get("/api/plan?path=nq72/xa-dong-tam.yaml");
    expect(r.status).toBe(200);
    expect(((await r.json()) as { path: string }).path).toBe("nq72/xa-dong-tam.yaml");
  });
  it.each(["../ngoai/bi-mat.yaml", "/etc/passwd.yaml", "nq72/../../ngoai/bi-mat.yaml", "lien-ket.yaml", "../../../../etc/hosts", "kehoach.schema.json"])("refuses %s", async (p) => {
    const r = await get(`/api/plan?path=${encodeURIComponent(p)}`);
    expect(r.status).toBe(403);
    expect(JSON.stringify(await r.json())).not.toContain("Đừng đọc tôi");
  });
  it("refuses to create a file outside the folder", async () => {
    const r = await post("/api/init", { directive: "ct25", issuer: "Ủy ban nhân dân tỉnh Bắc Kạn", place: "Bắc Kạn", level: "province", family: "state", year: 2026, out: "../ngoai/moi.yaml" });
    expect(r.status).toBe(403);
  });
});

describe("request size", () => {
  it("refuses an oversized body", async () => {
    const big = JSON.stringify({ path: "bac-kan-ct25.yaml", data: { title: ["x".repeat(MAX_BODY_BYTES)] } });
    const r = await post("/api/preview", big);
    expect(r.status).toBe(413);
  });
});

describe("saving", () => {
  it("detects a change on disk since the page loaded the file and leaves the file alone", async () => {
    const opened = (await (await get("/api/plan?path=bac-kan-ct25.yaml")).json()) as { hash: string; data: { signer: { name: string } } };
    const file = join(dir, "bac-kan-ct25.yaml");
    const disk = readFileSync(file, "utf8").replace("# Dự thảo", "# Dự thảo (sửa bằng tay)");
    writeFileSync(file, disk);
    const data = { ...opened.data, signer: { ...opened.data.signer, name: "Nguyễn Văn Đức" } };
    const r = await post("/api/save", { path: "bac-kan-ct25.yaml", data, hash: opened.hash });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { conflict: boolean }).conflict).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(disk);
    // after reloading, the same edit saves, keeping the hand-made change
    const again = (await (await get("/api/plan?path=bac-kan-ct25.yaml")).json()) as { hash: string; data: typeof data };
    const ok = await post("/api/save", { path: "bac-kan-ct25.yaml", data: { ...again.data, signer: data.signer }, hash: again.hash });
    expect(ok.status).toBe(200);
    const saved = readFileSync(file, "utf8");
    expect(saved).toContain("# Dự thảo (sửa bằng tay)");
    expect(saved).toContain("name: Nguyễn Văn Đức");
  });
  it("never evaluates code or templates from the page: a template-like text is printed as text", async () => {
    const opened = (await (await get("/api/plan?path=bac-kan-ct25.yaml")).json()) as { data: { closing?: string } };
    const closing = "{{#each this}}{{constructor.constructor 'return process'}}{{/each}} ${process.exit()}";
    const r = await post("/api/download", { path: "bac-kan-ct25.yaml", format: "docx", data: { ...opened.data, closing } });
    expect(r.status).toBe(200);
    expect(docxText(new Uint8Array(await r.arrayBuffer()))).toContain(closing);
  });
});
