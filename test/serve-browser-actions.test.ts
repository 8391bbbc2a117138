// The page's other buttons in real Chromium, as a clerk uses them: download
// the edited plan as DOCX and PDF (the files open and hold the edit), see the
// changes since the last save and take the DOCX with tracked changes, adapt a
// provincial plan for a commune, and start a new plan from a directive — each
// new file appears in the folder, opens in the page and builds.
// Screenshots go to out/screenshots/.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type Running } from "../src/serve/index.ts";
import { hasChromium, launchChromium } from "./helpers/browser.ts";
import { docxText, docxXml } from "./helpers/docx-text.ts";
import { runCli, tempDir } from "./helpers/run.ts";
import { has, pdfText } from "./helpers/tools.ts";

const SHOTS = join("out", "screenshots");
const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, "");
const SIGNER = "Nguyễn Thị Ánh Tuyết";

async function previewText(page: Page): Promise<string> {
  return squash(await page.locator("[data-testid=preview] .textLayer").allTextContents().then((t) => t.join("")));
}

/** Clicks what starts a download and saves the file in `dir`; returns its name and bytes. */
async function downloaded(page: Page, click: () => Promise<void>, dir: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent("download", { timeout: 30_000 });
  await click();
  const d = await download;
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

/** The plan builds with the CLI (exit code 0, a DOCX and a PDF). */
async function builds(file: string): Promise<void> {
  const out = tempDir("kehoach-build-");
  const r = await runCli(["build", file, "-o", out]);
  expect(r.stderr).not.toMatch(/lỗi \[E_/);
  expect(r.code).toBe(0);
}

describe.skipIf(!hasChromium)("kehoach serve in Chromium: downloads, changes, adapt, new plan", () => {
  let dir: string;
  let downloads: string;
  let server: Running;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = tempDir("kehoach-serve-actions-");
    downloads = tempDir("kehoach-downloads-");
    cpSync("data", dir, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(dir);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}?plan=bac-kan-ct25.yaml`);
    await page.waitForSelector("[data-testid=preview] .textLayer", { timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("redraws only the page an edit changed; the others keep their drawing", async () => {
    const field = page.locator('textarea[data-path="targets[3].text"]');
    await field.focus();
    await expect.poll(() => page.locator("[data-testid=preview] .textLayer .hit").count(), { timeout: 10_000 }).toBe(1);
    // mark every canvas drawn so far, and find the page that shows the target
    const { target, drawn } = await page.evaluate(() => {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>("[data-testid=preview] canvas")];
      canvases.forEach((c) => (c.dataset.before = "1"));
      return {
        target: Number(document.querySelector<HTMLElement>("[data-testid=preview] .textLayer .hit")!.closest<HTMLElement>(".page")!.dataset.page),
        drawn: canvases.map((c) => Number(c.closest<HTMLElement>(".page")!.dataset.page)),
      };
    });
    expect(drawn).toContain(target);
    expect(drawn.length).toBeGreaterThan(1);
    const shown = await page.evaluate(() => Number(document.querySelector<HTMLElement>("[data-testid=preview]")!.dataset.shown));
    await field.fill((await field.inputValue()).replace("trên 95% dân số", "trên 96% dân số"));
    await expect.poll(() => page.evaluate(() => Number(document.querySelector<HTMLElement>("[data-testid=preview]")!.dataset.shown)), { timeout: 20_000 }).toBeGreaterThan(shown);
    const pages = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("[data-testid=preview] .page")].map((p) => ({ n: Number(p.dataset.page), text: p.querySelector(".textLayer")?.textContent ?? "", canvas: p.querySelector("canvas")?.dataset.before ?? (p.querySelector("canvas") ? "new" : "none") })),
    );
    const edited = pages.find((p) => p.n === target)!;
    expect(squash(edited.text)).toContain(squash("bảo hiểm y tế đạt trên 96% dân số"));
    expect(edited.canvas).toBe("new");
    // the other pages drawn before show the same drawing (their text did not change)
    expect(pages.filter((p) => drawn.includes(p.n) && p.n !== target).map((p) => [p.n, p.canvas])).toEqual(drawn.filter((n) => n !== target).map((n) => [n, "1"]));
    await field.fill((await field.inputValue()).replace("trên 96% dân số", "trên 95% dân số"));
    await expect.poll(() => previewText(page), { timeout: 20_000 }).toContain(squash("bảo hiểm y tế đạt trên 95% dân số"));
  });

  it("scrolls the preview to a task's row far from the page just redrawn (its text made on demand)", async () => {
    // right after an edit only the pages on screen have their text; the appendix is pages away
    const field = page.locator('textarea[data-path="targets[3].text"]');
    await field.fill((await field.inputValue()).replace("trên 95% dân số", "trên 94% dân số"));
    await expect.poll(() => previewText(page), { timeout: 20_000 }).toContain(squash("trên 94% dân số"));
    const task = page.locator('textarea[data-path="tasks[6].content"]');
    const words = (await task.inputValue()).slice(0, 30);
    await task.focus();
    const hit = page.locator("[data-testid=preview] .textLayer .hit").first();
    // the highlighted place is on the task's page in the appendix, and on screen
    const hitPage = () => hit.evaluate((h) => ({ n: Number(h.closest<HTMLElement>(".page")!.dataset.page), text: h.closest(".textLayer")!.textContent ?? "" }));
    await expect.poll(async () => squash((await hitPage()).text).includes(squash(words)), { timeout: 15_000 }).toBe(true);
    expect((await hitPage()).n).toBeGreaterThan(3);
    await expect.poll(() => hit.isVisible(), { timeout: 5_000 }).toBe(true);
    await field.fill((await field.inputValue()).replace("trên 94% dân số", "trên 95% dân số"));
    await expect.poll(() => previewText(page), { timeout: 20_000 }).toContain(squash("trên 95% dân số"));
  });

  it("downloads the edited plan as a DOCX and a PDF that hold the edit", async () => {
    await page.locator('input[data-path="signer.name"]').fill(nfd(SIGNER));
    await expect.poll(() => previewText(page), { timeout: 20_000 }).toContain(squash(SIGNER));

    const docx = await downloaded(page, () => page.locator("[data-testid=download-docx]").click(), downloads);
    expect(docx.name).toBe("bac-kan-ct25.docx");
    expect(docx.bytes.subarray(0, 2).toString("latin1")).toBe("PK"); // a zip
    const text = docxText(new Uint8Array(docx.bytes));
    expect(text).toContain(SIGNER);
    expect(text).toContain("bảo hiểm y tế đạt trên 95% dân số");

    const pdf = await downloaded(page, () => page.locator("[data-testid=download-pdf]").click(), downloads);
    expect(pdf.name).toBe("bac-kan-ct25.pdf");
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (has("pdftotext")) {
      const file = join(downloads, "tai-ve.pdf");
      writeFileSync(file, pdf.bytes);
      expect(squash(pdfText(file))).toContain(squash(SIGNER));
    }
    // nothing was saved: the file on disk still has the old signer
    expect(readFileSync(join(dir, "bac-kan-ct25.yaml"), "utf8")).not.toContain(SIGNER);
  });

  it("shows the changes since the last save and offers them as a DOCX with tracked changes", async () => {
    const field = page.locator('textarea[data-path="targets[3].text"]');
    await field.fill((await field.inputValue()).replace("trên 95% dân số", "trên 98% dân số"));
    await expect.poll(() => previewText(page), { timeout: 20_000 }).toContain(squash("bảo hiểm y tế đạt trên 98% dân số"));
    await page.locator("[data-testid=changes-open]").click();
    const report = page.locator("[data-testid=changes] .report");
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain("98%");
    // the changed target, with the old figure struck out and the new one added (as `kehoach diff` prints it)
    const line = (await report.textContent())!.split("\n").find((l) => l.includes("bao-hiem-y-te"));
    expect(line).toContain("trên [-95%-]{+98%+} dân số");
    expect(await report.textContent()).toContain(`"Phạm Duy Hưng" → "${SIGNER}"`);
    await page.screenshot({ path: join(SHOTS, "6-thay-doi.png") });

    const tracked = await downloaded(page, () => page.locator("[data-testid=changes-docx]").click(), downloads);
    expect(tracked.name).toBe("bac-kan-ct25-thay-doi.docx");
    const xml = docxXml(new Uint8Array(tracked.bytes));
    expect(xml).toMatch(/<w:del [^>]*>(?:(?!<\/w:del>).)*95%(?:(?!<\/w:del>).)*<\/w:del>/s);
    expect(xml).toMatch(/<w:ins [^>]*>(?:(?!<\/w:ins>).)*98%(?:(?!<\/w:ins>).)*<\/w:ins>/s);
    await page.locator("[data-testid=changes] .close").click();
  });

  it("adapts the saved provincial plan for a commune: a new file that opens, shows the commune and builds", async () => {
    await page.goto(`${server.url}?plan=${encodeURIComponent("nq72/tinh-tuyen-quang.yaml")}`);
    await page.waitForSelector("[data-testid=preview] .textLayer", { timeout: 60_000 });
    await page.locator("[data-testid=adapt-open]").click();
    const form = page.locator("[data-testid=adapt]");
    await form.getByLabel("Tên xã/phường").fill("Yên Nguyên");
    await form.getByLabel("Thể thức").selectOption("party");
    await form.getByLabel("Năm").fill("2026");
    // the file name is suggested from the commune's name, beside the province's plan
    expect(await form.getByLabel("Tên tệp").getAttribute("placeholder")).toBe("nq72/xa-yen-nguyen.yaml");
    await page.screenshot({ path: join(SHOTS, "7-chuyen-cho-xa.png") });
    await form.getByRole("button", { name: "Tạo kế hoạch cấp xã" }).click();

    await expect.poll(() => new URL(page.url()).searchParams.get("plan"), { timeout: 20_000 }).toBe("nq72/xa-yen-nguyen.yaml");
    const file = join(dir, "nq72/xa-yen-nguyen.yaml");
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain("extends: tinh-tuyen-quang.yaml");
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain(squash("Yên Nguyên"));
    await expect.poll(() => page.locator("[data-testid=counts]").textContent(), { timeout: 10_000 }).toContain("0 lỗi");
    await page.screenshot({ path: join(SHOTS, "8-ke-hoach-xa.png") });
    await builds(file);
  });

  it("starts a new plan from a directive: the file appears in the folder's list, opens and builds", async () => {
    await page.goto(server.url);
    const form = page.locator("[data-testid=newplan]");
    await expect.poll(() => form.getByLabel("Văn bản").locator("option").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await form.getByLabel("Văn bản").selectOption("nq72");
    await form.getByLabel("Cơ quan ban hành").fill("Ủy ban nhân dân tỉnh Điện Biên");
    await form.getByLabel("Địa danh").fill("Điện Biên");
    await form.getByLabel("Cấp").selectOption("province");
    await form.getByLabel("Thể thức").selectOption("state");
    await form.getByLabel("Năm").fill("2026");
    expect(await form.getByLabel("Tên tệp").getAttribute("placeholder")).toBe("dien-bien-nq72.yaml");
    await form.getByLabel("Tên tệp").fill("ke-hoach-dien-bien.yaml");
    await page.screenshot({ path: join(SHOTS, "9-ke-hoach-moi.png"), fullPage: true });
    await form.getByRole("button", { name: "Tạo" }).click();

    await expect.poll(() => new URL(page.url()).searchParams.get("plan"), { timeout: 20_000 }).toBe("ke-hoach-dien-bien.yaml");
    const file = join(dir, "ke-hoach-dien-bien.yaml");
    expect(existsSync(file)).toBe(true);
    await expect.poll(() => previewText(page), { timeout: 30_000 }).toContain(squash("Điện Biên"));
    await expect.poll(() => page.locator("[data-testid=counts]").textContent(), { timeout: 10_000 }).toContain("0 lỗi");
    await page.screenshot({ path: join(SHOTS, "10-ke-hoach-moi-mo.png") });
    await builds(file);
    // back to the list: the new plan is there
    await page.getByTitle("danh sách kế hoạch").click();
    await expect.poll(() => page.locator("[data-testid=plans]").textContent(), { timeout: 30_000 }).toContain("ke-hoach-dien-bien.yaml");
  });
});

/** The same text in NFD, as some keyboards send it: the page stores it NFC. */
function nfd(s: string): string {
  return s.normalize("NFD");
}
