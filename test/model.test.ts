// The plan model end to end on small plans: citations, numbering, NFC,
// placeholders, determinism, and the checked-in JSON Schema.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planJsonSchema } from "../src/cli/schema.ts";
import { parsePlan } from "../src/load/plan.ts";
import { UserError } from "../src/errors.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { docxText } from "./helpers/docx-text.ts";
import { MINI } from "./fixtures/mini.ts";
import { modelTexts } from "./helpers/model-text.ts";



describe("plan → document model", () => {
  const doc = planToDocument(parsePlan("mini.yaml", MINI).plan);
  const paras = modelTexts(doc);

  it("cites in full once with (gọi tắt là …), then by short name", () => {
    expect(paras).toContain("Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở; Ủy ban nhân dân xã ban hành kế hoạch như sau:");
    expect(paras).toContain("a) Quán triệt Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở (gọi tắt là Chỉ thị số 25-CT/TW) đến cán bộ.");
    expect(paras).toContain("b) Nhắc lại Chỉ thị số 25-CT/TW lần nữa.");
  });

  it("computes numbering and bullets from levels", () => {
    expect(paras).toContain("I. MỤC ĐÍCH, YÊU CẦU");
    expect(paras).toContain("II. NHIỆM VỤ VÀ GIẢI PHÁP"); // no targets: no "MỤC TIÊU" part, numbering closes up
    expect(paras).toContain("1. Nâng cao nhận thức");
    expect(paras).toContain("- Ở trường học");
    expect(paras).toContain("+ Khám định kỳ");
    expect(paras).toContain("III. TỔ CHỨC THỰC HIỆN");
    expect(paras).toContain("1. Trạm Y tế xã");
  });

  it("pads number and dates, and prints the appendix caption from data", () => {
    expect(paras).toContain("Số: 07/KH-UBND");
    expect(paras).toContain("Đồng Tâm, ngày 05 tháng 01 năm 2025");
    expect(paras).toContain("(Kèm theo Kế hoạch số 07/KH-UBND ngày 05 tháng 01 năm 2025 của Ủy ban nhân dân xã Đồng Tâm)");
    expect(paras).toContain("Quý II năm 2025");
    expect(paras).toContain("Trạm Y tế xã");
  });

  it("marks placeholders so they stand out", () => {
    const runs = doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.type === "table" ? b.rows.flatMap((r) => r.cells.flatMap((c) => c.blocks)) : [b]));
    const name = runs.find((b) => b.type === "paragraph" && b.style === "signer-name");
    expect(name?.type === "paragraph" && name.runs[0]).toMatchObject({ text: "[Họ và tên]", placeholder: true });
  });

  it("keeps every text NFC even when the file is written in NFD", async () => {
    const nfd = MINI.normalize("NFD");
    expect(nfd).not.toBe(MINI);
    const docx = await renderDocx(planToDocument(parsePlan("nfd.yaml", nfd).plan));
    const text = docxText(docx);
    expect(text).toBe(text.normalize("NFC"));
    expect(text).toContain("Trạm Y tế xã");
  });

  it("builds byte-identical DOCX twice", async () => {
    const plan = parsePlan("mini.yaml", MINI).plan;
    const a = await renderDocx(planToDocument(plan));
    const b = await renderDocx(planToDocument(plan));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("refuses a lettered item past y)", () => {
    const many = MINI.replace('purposes: ["Quán triệt {ct25} đến cán bộ.", "Nhắc lại {ct25} lần nữa."]', `purposes: [${Array.from({ length: 24 }, (_, i) => `"Mục ${i}"`).join(", ")}]`);
    expect(() => planToDocument(parsePlan("many.yaml", many).plan)).toThrow(/23 mục/);
  });

  it("refuses a citation to a document not in the registry, pointing at the text", () => {
    const bad = MINI.replace('"Nhắc lại {ct25} lần nữa."', '"Nhắc lại {ct99} lần nữa."');
    try {
      parsePlan("bad.yaml", bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).format()).toMatch(/bad\.yaml:10:\d+: lỗi \[E_REFERENCE\]: Không có văn bản mã "ct99"/);
    }
  });
});

describe("style overrides", () => {
  it("a plan overrides part of its family's style table: numbering, sizes", () => {
    const doc = planToDocument(parsePlan("style.yaml", `style: { numbering: { roman: "{roman}/ " }, paragraph: { body: { size: 13, lineHeight: 17 } } }\n${MINI}`).plan);
    expect(modelTexts(doc)).toContain("I/ MỤC ĐÍCH, YÊU CẦU");
    expect(doc.styles.body).toMatchObject({ size: 13, lineHeight: 17, align: "justify" });
    expect(doc.styles["heading-1"]?.size).toBe(14); // the rest stays as the family says
  });
  it("an unknown style field is a schema error with its place", () => {
    expect(() => parsePlan("style.yaml", `style: { paragraph: { body: { sise: 13 } } }\n${MINI}`)).toThrow(/Trường không được phép "sise".*có phải ý bạn là "size"/);
  });
});

describe("document kind", () => {
  it("a programme of action takes its title word and headings from templates/kinds/chuong-trinh", () => {
    const doc = planToDocument(parsePlan("ctr.yaml", `kind: chuong-trinh\n${MINI}`).plan);
    const texts = modelTexts(doc);
    expect(texts).toContain("CHƯƠNG TRÌNH HÀNH ĐỘNG");
    expect(texts).not.toContain("KẾ HOẠCH");
    expect(texts).toContain("I. MỤC TIÊU, YÊU CẦU");
    expect(texts).toContain("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU");
    expect(texts.some((t) => t.startsWith("(Kèm theo Chương trình hành động số 07/KH-UBND"))).toBe(true);
    expect(doc.meta.title.startsWith("Chương trình hành động")).toBe(true);
  });
});

describe("JSON Schema for editors", () => {
  it("the checked-in copy is the one zod produces (run npm run schema after changing the model)", () => {
    const checkedIn = JSON.parse(readFileSync("data/kehoach.schema.json", "utf8"));
    expect(checkedIn).toEqual(planJsonSchema());
  });
  it("describes fields in Vietnamese and forbids unknown keys", () => {
    const s = planJsonSchema() as { properties: Record<string, { description?: string }>; additionalProperties: unknown };
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.family?.description).toContain("Thể thức");
  });
});
