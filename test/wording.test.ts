// Wording lives in templates, not in code: rewording a partial changes the
// document, with no TypeScript touched.
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { MINI } from "./fixtures/mini.ts";
import { documentText } from "./helpers/model-text.ts";
import { tempDir } from "./helpers/run.ts";

function withPartial(name: string, text: string): string {
  const dir = tempDir("kehoach-wording-");
  cpSync("templates", dir, { recursive: true });
  writeFileSync(join(dir, "partials", `${name}.hbs`), text);
  return dir;
}

describe("citation wording comes from templates/partials/citation-*.hbs", () => {
  const plan = parsePlan("mini.yaml", MINI).plan;

  it("the first mention is in full, then '(gọi tắt là …)', later mentions short", () => {
    const text = documentText(planToDocument(plan));
    expect(text).toContain("Quán triệt Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở (gọi tắt là Chỉ thị số 25-CT/TW) đến cán bộ.");
    expect(text).toContain("Nhắc lại Chỉ thị số 25-CT/TW lần nữa.");
  });

  it("a reworded first-mention partial and short form change every citation", () => {
    const dir = withPartial("citation-first", "{{full}} (sau đây gọi là {{short}})");
    const text = documentText(planToDocument(plan, { templatesDir: dir }));
    expect(text).toContain("của Ban Bí thư về tiếp tục củng cố y tế cơ sở (sau đây gọi là Chỉ thị số 25-CT/TW) đến cán bộ.");
    expect(text).not.toContain("gọi tắt là");
    const dir2 = withPartial("citation-short", "{{kind}} {{number}}");
    expect(documentText(planToDocument(plan, { templatesDir: dir2 }))).toContain("Nhắc lại Chỉ thị 25-CT/TW lần nữa.");
  });
});

describe("deadline and list phrases come from templates/phrases.yaml", () => {
  it("every deadline form prints as the phrase file words it, in both styles", async () => {
    const { parse } = await import("yaml");
    const { readFileSync } = await import("node:fs");
    const { deadlineText, agencyList } = await import("../src/derive/format.ts");
    const { parseDeadlineText } = await import("../src/model/deadline.ts");
    type Style = { recurring: string; quarter: string };
    const ph = parse(readFileSync("templates/phrases.yaml", "utf8")) as { deadline: { long: Style; short: Style; from: string; before: string }; and: string };
    const d = (s: string) => parseDeadlineText(s)!;
    expect(deadlineText(d("Quý II năm 2024"))).toBe(ph.deadline.long.quarter.replace("${quarter}", "II").replace("${year}", "2024"));
    expect(deadlineText(d("Quý II năm 2024"), "short")).toBe(ph.deadline.short.quarter.replace("${quarter}", "II").replace("${year}", "2024"));
    expect(deadlineText(d("thường xuyên"))).toBe(ph.deadline.long.recurring);
    expect(deadlineText(d("thường xuyên"), "short")).toBe(ph.deadline.short.recurring);
    expect(deadlineText(d("từ 2026"))).toBe(ph.deadline.from.replace("${year}", "2026"));
    expect(deadlineText(d("trước 01/7/2025"))).toBe(ph.deadline.before.replace("${date}", "01/7/2025"));
    expect(deadlineText(d("2025 - 2026"))).toBe("Năm 2025 - 2026");
    expect(deadlineText(d("Quý IV/2025 - Quý II/2026"), "short")).toBe("Quý\u00a0IV/2025 - Quý\u00a0II/2026");
    expect(agencyList([{ name: "Sở Y tế" }, { name: "Sở Nội vụ" }, { name: "các cơ quan, đơn vị liên quan", group: true }])).toBe(
      ph.and.replace("${list}", "Sở Y tế, Sở Nội vụ").replace("${last}", "các cơ quan, đơn vị liên quan"),
    );
  });
});
