// Party documents (Hướng dẫn 36-HD/VPTW) differ from state ones only where
// the rules say: header, number line, numbering, title mark, Nơi nhận, signature.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf } from "../src/render/pdf/index.ts";
import { tempDir } from "./helpers/run.ts";
import { has, pdfText } from "./helpers/tools.ts";
import { docxXml } from "./helpers/docx-text.ts";
import { MINI } from "./fixtures/mini.ts";
import { modelParagraphs, paragraphText } from "./helpers/model-text.ts";

const paragraphs = modelParagraphs;
const text = paragraphText;

const PARTY = MINI.replace("symbol: KH-UBND", "symbol: KH/ĐU\nfamily: party")
  .replace("issuer: { name: [ỦY BAN NHÂN DÂN, XÃ ĐỒNG TÂM], fullName: Ủy ban nhân dân xã Đồng Tâm, place: Đồng Tâm }", "issuer: { parent: ĐẢNG BỘ TỈNH TUYÊN QUANG, name: ĐẢNG ỦY XÃ ĐỒNG TÂM, fullName: Đảng ủy xã Đồng Tâm, place: Đồng Tâm }")
  .replace("signer: { authority: TM. ỦY BAN NHÂN DÂN, delegate: KT. CHỦ TỊCH, title: PHÓ CHỦ TỊCH,", "signer: { authority: T/M BAN THƯỜNG VỤ, title: PHÓ BÍ THƯ THƯỜNG TRỰC,")
  .replace("recipients: { items: [UBND huyện], archive: VT }", "recipients: { items: [Thường trực Đảng ủy xã, Các chi bộ trực thuộc], archive: Văn phòng Đảng ủy }");

describe("Party family", () => {
  const doc = planToDocument(parsePlan("party.yaml", PARTY).plan);
  const paras = paragraphs(doc);
  const texts = paras.map(text);
  const byText = (t: string) => paras.find((p) => text(p) === t);

  it("heads the page with the issuing body, its parent, the star, and ĐẢNG CỘNG SẢN VIỆT NAM", () => {
    expect(texts.slice(0, 4)).toEqual(["ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ ĐỒNG TÂM", "*", "ĐẢNG CỘNG SẢN VIỆT NAM"]);
    expect(byText("ĐẢNG BỘ TỈNH TUYÊN QUANG")?.style).toBe("issuer-parent");
    expect(doc.styles["issuer"]).toMatchObject({ size: 14, bold: true });
    expect(doc.styles["nation"]).toMatchObject({ size: 15, bold: true });
    expect(texts).not.toContain("Độc lập - Tự do - Hạnh phúc");
  });

  it("writes the number without a colon, with the Party symbol", () => {
    expect(texts).toContain("Số 07-KH/ĐU");
  });

  it("numbers I- / 1- and ends the title with five hyphens", () => {
    expect(texts).toContain("I- MỤC ĐÍCH, YÊU CẦU");
    expect(texts).toContain("1- Nâng cao nhận thức");
    expect(texts).toContain("-----");
    expect(doc.styles["doc-kind"]?.size).toBe(16);
  });

  it("signs T/M with the position not bold, Nơi nhận underlined, items ending with a comma", () => {
    expect(texts).toContain("T/M BAN THƯỜNG VỤ");
    expect(doc.styles["sign-title"]?.bold).toBe(false);
    const label = byText("Nơi nhận:");
    expect(label?.runs[0]).toMatchObject({ text: "Nơi nhận", underline: true });
    expect(texts).toContain("- Thường trực Đảng ủy xã,");
    expect(texts).toContain("- Lưu Văn phòng Đảng ủy.");
  });

  it("renders to a DOCX with the same structure", async () => {
    const xml = docxXml(await renderDocx(doc));
    expect(xml).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(xml).toContain("Số 07-KH/ĐU");
  });
});

describe("Party appendix caption", () => {
  const CAPTION = "(Kèm theo Kế hoạch số 07-KH/ĐU, ngày 05 tháng 01 năm 2025 của Ban Thường vụ Đảng ủy xã Đồng Tâm)";

  it("puts a comma before ngày and names the standing committee that issues the plan", async () => {
    const doc = planToDocument(parsePlan("party.yaml", PARTY).plan);
    expect(paragraphs(doc).map(text)).toContain(CAPTION);
    // the DOCX says the same (the caption may be balanced over two lines: compare without the breaks)
    const xml = docxXml(await renderDocx(doc));
    const caption = xml.slice(xml.indexOf("(Kèm theo Kế hoạch"), xml.indexOf("Đồng Tâm)") + 9).replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
    expect(caption).toBe(CAPTION);
  });

  it.skipIf(!has("pdftotext"))("says the same in the PDF", async () => {
    const pdf = await renderPdf(planToDocument(parsePlan("party.yaml", PARTY).plan), await loadFonts());
    const file = join(tempDir(), "party.pdf");
    writeFileSync(file, pdf);
    expect(pdfText(file).replace(/\s+/g, " ")).toContain(CAPTION);
  });

  it("keeps the issuer's own name under another signature, the plan's wording when given, and the state form elsewhere", () => {
    const other = PARTY.replace("authority: T/M BAN THƯỜNG VỤ", "authority: T/M ĐẢNG ỦY");
    expect(paragraphs(planToDocument(parsePlan("party.yaml", other).plan)).map(text)).toContain("(Kèm theo Kế hoạch số 07-KH/ĐU, ngày 05 tháng 01 năm 2025 của Đảng ủy xã Đồng Tâm)");
    const own = PARTY.replace("appendix: { title: Nhiệm vụ cụ thể }", "appendix: { title: Nhiệm vụ cụ thể, caption: { of: Ban Chấp hành Đảng bộ xã, date: slash } }");
    expect(paragraphs(planToDocument(parsePlan("party.yaml", own).plan)).map(text)).toContain("(Kèm theo Kế hoạch số 07-KH/ĐU, ngày 05/01/2025 của Ban Chấp hành Đảng bộ xã)");
    expect(paragraphs(planToDocument(parsePlan("state.yaml", MINI).plan)).map(text)).toContain("(Kèm theo Kế hoạch số 07/KH-UBND ngày 05 tháng 01 năm 2025 của Ủy ban nhân dân xã Đồng Tâm)");
  });
});

describe("copy block (SAO LỤC)", () => {
  const COPY = `${PARTY}
copy:
  issuer: { name: TỈNH ỦY BÌNH THUẬN, fullName: Tỉnh ủy Bình Thuận, place: Bình Thuận }
  number: 654
  symbol: BS/TU
  date: { day: 10, month: 11, year: 2023 }
  paragraphs:
    - text: "Thường trực Tỉnh ủy giao:"
      bullets: [Ban Tuyên giáo Tỉnh ủy hướng dẫn quán triệt Chỉ thị.]
  recipients: { items: ["Các đảng đoàn, ban cán sự đảng tỉnh"], archive: Văn phòng Tỉnh ủy }
  signer: { authority: T/L BAN THƯỜNG VỤ, title: CHÁNH VĂN PHÒNG, name: Nguyễn Văn Danh }
`;
  it("follows the signature with a rule, the copying body's header, its text, Nơi nhận and signature", () => {
    const doc = planToDocument(parsePlan("copy.yaml", COPY).plan);
    const texts = paragraphs(doc).map(text);
    const start = texts.indexOf("TỈNH ỦY BÌNH THUẬN");
    expect(start).toBeGreaterThan(texts.indexOf("T/M BAN THƯỜNG VỤ"));
    expect(texts.slice(start, start + 6)).toEqual(["TỈNH ỦY BÌNH THUẬN", "*", "SAO LỤC", "Số 654-BS/TU", "Bình Thuận, ngày 10 tháng 11 năm 2023", "Thường trực Tỉnh ủy giao:"]);
    expect(texts).toContain("- Ban Tuyên giáo Tỉnh ủy hướng dẫn quán triệt Chỉ thị.");
    expect(texts).toContain("- Các đảng đoàn, ban cán sự đảng tỉnh,");
    const name = texts.indexOf("Nguyễn Văn Danh");
    expect(texts.slice(name - 2, name + 1)).toEqual(["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Văn Danh"]);
    expect(name).toBeLessThan(texts.indexOf("PHỤ LỤC")); // the appendix still comes last
    const blocks = doc.sections[0]!.blocks;
    const rule = blocks.find((b) => b.type === "rule" && b.width > 400);
    expect(rule).toBeDefined(); // the full-width separator
  });
  it("is left out when the plan has none", () => {
    expect(paragraphs(planToDocument(parsePlan("party.yaml", PARTY).plan)).map(text)).not.toContain("SAO LỤC");
  });
});
