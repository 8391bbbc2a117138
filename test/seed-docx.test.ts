// The generated Bắc Kạn DOCX has the structure of seed 001 (its words are
// compared in seeds.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { docxParagraphs, docxText, docxXml } from "./helpers/docx-text.ts";

const B = "\u00a0".repeat(6);

let docx: Uint8Array;
beforeAll(async () => {
  const { plan } = await loadPlan("data/bac-kan-ct25.yaml");
  docx = await renderDocx(planToDocument(plan));
});

describe("Bắc Kạn plan (seed 001) as DOCX", () => {
  it("numbers headings and items as the seed does", () => {
    const paras = docxParagraphs(docx);
    const starts = (prefix: string) => paras.some((p) => p.startsWith(prefix));
    expect(starts("I. MỤC ĐÍCH, YÊU CẦU")).toBe(true);
    expect(starts("II. MỤC TIÊU ĐẾN NĂM 2030")).toBe(true);
    expect(starts("III. NHIỆM VỤ VÀ GIẢI PHÁP")).toBe(true);
    expect(starts("IV. TỔ CHỨC THỰC HIỆN")).toBe(true);
    expect(starts("đ) Tiếp tục nghiên cứu")).toBe(true);
    expect(starts("6. Nhiệm vụ cụ thể của các cơ quan, đơn vị tại Phụ lục kèm theo.")).toBe(true);
    expect(starts("9. Đề nghị Ủy ban Mặt trận")).toBe(true);
  });

  it("writes the first mention of a document in full, then its short name", () => {
    const text = docxText(docx);
    const first = text.indexOf("(gọi tắt là Chỉ thị số 25-CT/TW)");
    expect(first).toBeGreaterThan(0);
    expect(text.indexOf("(gọi tắt là Chỉ thị số 25-CT/TW)", first + 1)).toBe(-1);
    expect(text).toContain("Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ về việc ban hành kế hoạch triển khai thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư");
  });

  it("leaves the draft's number and day/month blank with no-break spaces", () => {
    const paras = docxParagraphs(docx);
    expect(paras).toContain(`Số: ${B}/KH-UBND`);
    expect(paras).toContain(`Bắc Kạn, ngày ${B} tháng ${B} năm 2024`);
    expect(paras).toContain(`(Kèm theo Kế hoạch số ${B}/KH-UBND ngày ${B} tháng ${B} năm 2024 của Ủy ban nhân dân tỉnh Bắc Kạn)`);
  });

  it("derives all 19 appendix rows with agencies and deadlines in the seed's phrasing", () => {
    const paras = docxParagraphs(docx);
    const head = paras.indexOf("Thời gian hoàn thành");
    expect(head).toBeGreaterThan(0);
    const cells = paras.slice(head + 1);
    // 5 cells per row: TT, content, lead, partners, deadline
    expect(cells.length).toBe(19 * 5);
    expect(cells.filter((_, i) => i % 5 === 0)).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect(cells[4]).toBe("Quý II năm 2024");
    expect(cells[5 * 5 + 4]).toBe("Trước ngày 01/7/2025");
    expect(cells[6 * 5 + 4]).toBe("Từ năm 2026");
    expect(cells[9 * 5 + 4]).toBe("Theo lộ trình do Chính phủ quy định");
    expect(cells[5 * 5 + 3]).toBe("Sở Nội vụ; Sở Tài chính; UBND các huyện, thành phố và các cơ quan, đơn vị liên quan");
  });

  it("puts the appendix in its own landscape section whose header row repeats", () => {
    const xml = docxXml(docx);
    const sects = xml.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/g) ?? [];
    expect(sects.length).toBe(2);
    expect(sects[0]).not.toContain('w:orient="landscape"');
    expect(sects[1]).toContain('w:orient="landscape"');
    expect(sects[1]).toMatch(/<w:pgNumType w:start="1"/);
    expect(xml).toContain("<w:tblHeader/>");
  });
});

