// The page in real Chromium: a clerk opens a sample, changes a target's
// figure and sees it in the preview, gets a diagnostic next to the agency
// field, fixes it, saves (the YAML changes only on the changed line), and
// round-trips the task table through Excel. Screenshots go to out/screenshots/.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type Running } from "../src/serve/index.ts";
import { hasChromium, launchChromium } from "./helpers/browser.ts";
import { tempDir } from "./helpers/run.ts";

const SHOTS = join("out", "screenshots");
const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, "");

/** Lines removed and added between two texts, as `git diff` counts them. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const dir = tempDir("kehoach-diff-");
  writeFileSync(join(dir, "a.yaml"), before);
  writeFileSync(join(dir, "b.yaml"), after);
  let out = "";
  try {
    execFileSync("git", ["diff", "--no-index", "-U0", "--no-color", "a.yaml", "b.yaml"], { cwd: dir, encoding: "utf8" });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? "");
  }
  const lines = out.split("\n").filter((l) => !l.startsWith("---") && !l.startsWith("+++"));
  return { removed: lines.filter((l) => l.startsWith("-")).map((l) => l.slice(1)), added: lines.filter((l) => l.startsWith("+")).map((l) => l.slice(1)) };
}

async function previewText(page: Page): Promise<string> {
  return squash(await page.locator("[data-testid=preview] .textLayer").allTextContents().then((t) => t.join("")));
}

describe.skipIf(!hasChromium)("kehoach serve in Chromium", () => {
  let dir: string;
  let server: Running;
  let browser: BrowserContext;
  let page: Page;
  const file = () => join(dir, "bac-kan-ct25.yaml");
  let original: string;

  beforeAll(async () => {
    dir = tempDir("kehoach-serve-");
    cpSync("data", dir, { recursive: true });
    original = readFileSync(file(), "utf8");
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer(dir);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists the folder's plans with their check status", async () => {
    await page.goto(server.url);
    const table = page.locator("[data-testid=plans]");
    await expect.poll(() => table.textContent(), { timeout: 30_000 }).toContain("bac-kan-ct25.yaml");
    expect(await table.textContent()).toContain("nq72/xa-dong-tam.yaml");
    await page.screenshot({ path: join(SHOTS, "1-danh-sach.png") });
  });

  it("shows a changed target figure in the preview's text", async () => {
    await page.locator("a", { hasText: "bac-kan-ct25.yaml" }).click();
    await page.waitForSelector("[data-testid=preview] .textLayer", { timeout: 30_000 });
    expect(await previewText(page)).toContain(squash("bảo hiểm y tế đạt trên 95% dân số"));
    const field = page.locator('textarea[data-path="targets[3].text"]');
    const text = await field.inputValue();
    expect(text).toContain("trên 95% dân số");
    await field.fill(text.replace("trên 95% dân số", "trên 97% dân số"));
    await expect.poll(() => previewText(page), { timeout: 15_000 }).toContain(squash("bảo hiểm y tế đạt trên 97% dân số"));
    expect(await previewText(page)).not.toContain(squash("bảo hiểm y tế đạt trên 95% dân số"));
    // the preview is scrolled to the part being edited: the target's text is on screen
    const hit = page.locator("[data-testid=preview] .textLayer .hit").first();
    await expect.poll(() => hit.isVisible(), { timeout: 5_000 }).toBe(true);
    await page.screenshot({ path: join(SHOTS, "2-sua-muc-tieu.png") });
  });

  it("shows a diagnostic next to the agency field for an unknown agency, and clears it when fixed", async () => {
    await page.locator('[data-path="tasks[0].lead+"]').fill("so-khong-co");
    await page.locator('[data-path="tasks[0].lead+"]').press("Enter");
    const diag = page.locator('.diags[data-field="tasks[0].lead"]');
    await expect.poll(() => diag.textContent(), { timeout: 10_000 }).toContain("E_REFERENCE");
    expect(await diag.textContent()).toContain("so-khong-co");
    // the diagnostic is beside the field: inside the same grid cell as the agency picker
    expect(await page.locator('td.ag [data-path="tasks[0].lead"] .diags').count()).toBe(1);
    await page.locator('[data-path="tasks[0].lead+"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "3-loi-co-quan.png") });
    await page.locator('[data-path="tasks[0].lead"] button[aria-label="bỏ so-khong-co"]').click();
    await expect.poll(() => diag.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator("[data-testid=counts]").textContent(), { timeout: 10_000 }).toContain("0 lỗi");
  });

  it("saves only the changed line of the YAML", async () => {
    await page.locator("[data-testid=save]").click();
    await expect.poll(() => page.locator("[data-testid=message]").textContent(), { timeout: 10_000 }).toContain("Đã lưu");
    const { removed, added } = changedLines(original, readFileSync(file(), "utf8"));
    expect(removed).toEqual(["      Duy trì tỷ lệ tham gia bảo hiểm y tế đạt trên 95% dân số và trên 95%"]);
    expect(added).toEqual(["      Duy trì tỷ lệ tham gia bảo hiểm y tế đạt trên 97% dân số và trên 95%"]);
  });

  it("exports the tasks to XLSX and imports an edited row back", async () => {
    const download = page.waitForEvent("download");
    await page.locator("[data-testid=xlsx-export]").click();
    const xlsx = join(dir, "nhiem-vu.xlsx");
    await (await download).saveAs(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.getWorksheet("Nhiệm vụ")!;
    const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(1).value === "t02")!;
    expect(String(row.getCell(6).value)).toBe("Nhiệm vụ thường xuyên");
    // first an agency the registry does not know: reported, nothing applied
    row.getCell(4).value = "Sở Không Có";
    row.getCell(6).value = "Quý IV năm 2026";
    await wb.xlsx.writeFile(xlsx);
    await page.locator("[data-testid=xlsx-import]").setInputFiles(xlsx);
    const report = page.locator("[data-testid=import-report]");
    await expect.poll(() => report.textContent(), { timeout: 10_000 }).toContain("Sở Không Có");
    expect(await page.locator("[data-testid=import-apply]").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "4-nhap-excel-loi.png") });
    // then a known agency by its name
    row.getCell(4).value = "Sở Y tế";
    row.getCell(7).value = "Đã thống nhất với Sở Y tế";
    await wb.xlsx.writeFile(xlsx);
    await page.locator("[data-testid=xlsx-import]").setInputFiles(xlsx);
    await expect.poll(() => report.textContent(), { timeout: 10_000 }).toContain("t02 (lead, deadline)");
    await page.locator("[data-testid=import-apply]").click();
    await expect.poll(() => page.locator('input[data-path="tasks[1].deadline"]').inputValue(), { timeout: 5_000 }).toBe("Quý IV năm 2026");
    await expect.poll(() => page.locator("[data-testid=deadline-1]").textContent(), { timeout: 10_000 }).toBe("In: Quý IV năm 2026");
    await expect.poll(() => page.locator('[data-path="tasks[1].lead"] .chip').allTextContents(), { timeout: 5_000 }).toEqual(["Sở Y tế×"]);
    await page.locator("[data-testid=save]").click();
    await expect.poll(() => readFileSync(file(), "utf8"), { timeout: 10_000 }).toContain("Quý IV năm 2026");
    const { removed, added } = changedLines(original, readFileSync(file(), "utf8"));
    expect(added).toEqual(["      Duy trì tỷ lệ tham gia bảo hiểm y tế đạt trên 97% dân số và trên 95%", "    lead: [so-yt]", "    deadline: Quý IV năm 2026"]);
    expect(removed).toHaveLength(3);
  });

  it("says so when the file changed on disk, and does not overwrite it", async () => {
    const disk = readFileSync(file(), "utf8").replace("name: Phạm Duy Hưng", "name: Phạm Duy Hưng # sửa ngoài trang");
    writeFileSync(file(), disk);
    const signer = page.locator('input[data-path="signer.name"]');
    await signer.fill("Nguyễn Văn Đức");
    await page.locator("[data-testid=save]").click();
    await expect.poll(() => page.locator("[data-testid=conflict]").textContent(), { timeout: 10_000 }).toContain("đã bị thay đổi trên đĩa");
    expect(readFileSync(file(), "utf8")).toBe(disk);
    await page.screenshot({ path: join(SHOTS, "5-xung-dot.png") });
  });
});
