// Real plans' shapes (issue 13b): a plan issued by a decision, work grouped by
// agency in any part, the plan's own phrasing (deadlines, citation dates,
// openings, purposes), inline emphasis and {target:id}, agency short names, and
// keys that would have no effect refused with their place. Each capability is
// checked in the document model, the DOCX and (with poppler) the PDF.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPlan } from "../src/check/rules.ts";
import { deadlineText } from "../src/derive/format.ts";
import { UserError } from "../src/errors.ts";
import { parsePlan } from "../src/load/plan.ts";
import { parseDeadlineText } from "../src/model/deadline.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf, type FontSet } from "../src/render/pdf/index.ts";
import type { DocumentModel } from "../src/document/model.ts";
import { docxText, docxXml } from "./helpers/docx-text.ts";
import { modelParagraphs, modelTexts, paragraphText } from "./helpers/model-text.ts";
import { tempDir } from "./helpers/run.ts";
import { has, pdfPageText, pdfPages, pdfText } from "./helpers/tools.ts";
import { MINI } from "./fixtures/mini.ts";

const poppler = has("pdftotext") && has("pdfinfo");
let fonts: FontSet;
let dir: string;
beforeAll(async () => {
  fonts = await loadFonts();
  dir = tempDir("kehoach-shapes-");
});

const doc = (yaml: string): DocumentModel => planToDocument(parsePlan("plan.yaml", yaml).plan);
// no-break spaces (inside "Quý II" of a range) read as spaces
const texts = (yaml: string): string[] => modelTexts(doc(yaml)).map((x) => x.replace(/\u00a0/g, " "));
async function pdfOf(yaml: string, name: string): Promise<string> {
  const f = join(dir, `${name}.pdf`);
  writeFileSync(f, await renderPdf(doc(yaml), fonts));
  return f;
}
/** The user errors a plan gets, as "CODE path: message" lines. */
function errorsOf(yaml: string): string[] {
  try {
    parsePlan("plan.yaml", yaml);
  } catch (e) {
    const list = e instanceof UserError ? e.diagnostics : [];
    if (!list.length) throw e;
    return list.map((x) => `${x.code} ${x.path} @${x.line || "?"}: ${x.message}`);
  }
  return [];
}

const DECISION = MINI.replace("symbol: KH-UBND\nnumber: 7", "symbol: QĐ-UBND\nnumber: 15").concat(`
decision:
  authority: ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM
  bases:
    - Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
    - Căn cứ {ct25}
  proposal: Theo đề nghị của Trưởng Trạm Y tế xã
  executors: Văn phòng Ủy ban nhân dân xã, Trạm Y tế xã và các cơ quan, đơn vị có liên quan
`);

describe("a plan issued by a decision", () => {
  it("prints the decision first: QUYẾT ĐỊNH, its title, Căn cứ …; lines, QUYẾT ĐỊNH:, Điều 1–3", () => {
    const p = texts(DECISION);
    const at = (s: string) => p.indexOf(s);
    expect(at("QUYẾT ĐỊNH")).toBeGreaterThan(0);
    expect(p).toContain("Ban hành Kế hoạch thực hiện Chỉ thị số 25-CT/TW về y tế cơ sở");
    expect(p).toContain("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;");
    expect(p).toContain("Theo đề nghị của Trưởng Trạm Y tế xã.");
    expect(at("ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM")).toBeLessThan(at("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"));
    expect(at("QUYẾT ĐỊNH:")).toBeGreaterThan(at("Theo đề nghị của Trưởng Trạm Y tế xã."));
    expect(p).toContain("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị số 25-CT/TW về y tế cơ sở.");
    expect(p).toContain("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.");
    expect(p).toContain("Điều 3. Văn phòng Ủy ban nhân dân xã, Trạm Y tế xã và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.");
    // the decision's bases are italic (NĐ 30), its articles start in bold
    const para = modelParagraphs(doc(DECISION));
    expect(para.find((x) => paragraphText(x).startsWith("Căn cứ Luật"))?.style).toBe("decision-basis");
    expect(para.find((x) => paragraphText(x).startsWith("Điều 1."))?.runs[0]).toMatchObject({ text: "Điều 1.", bold: true });
  });

  it("puts the plan on a new page under (Ban hành kèm theo Quyết định số …), with one Nơi nhận: the decision's", () => {
    const d = doc(DECISION);
    // decision | plan | appendix
    expect(d.sections.map((s) => s.orientation)).toEqual(["portrait", "portrait", "landscape"]);
    const plan = modelTexts({ ...d, sections: [d.sections[1]!] });
    expect(plan.slice(0, 8)).toContain("KẾ HOẠCH");
    expect(plan).toContain("(Ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05 tháng 01 năm 2025 của Ủy ban nhân dân xã Đồng Tâm)");
    expect(plan.some((x) => x.startsWith("Số:"))).toBe(false);
    expect(modelTexts(d).filter((x) => x === "Nơi nhận:")).toHaveLength(1);
    // the caption, however its lines are balanced
    const caption = modelParagraphs(d).filter((p) => p.style === "appendix-caption").map(paragraphText).join(" ");
    expect(caption).toBe("(Kèm theo Kế hoạch ban hành kèm theo Quyết định số 15/QĐ-UBND ngày 05 tháng 01 năm 2025 của Ủy ban nhân dân xã Đồng Tâm)");
  });

  it("cites a document in full in the decision and by its short name in the plan", () => {
    const p = texts(DECISION);
    expect(p).toContain("Căn cứ Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở (gọi tắt là Chỉ thị số 25-CT/TW);");
    expect(p).toContain("a) Quán triệt Chỉ thị số 25-CT/TW đến cán bộ.");
  });

  it("says the same in the DOCX, and the PDF starts the plan on page 2", async () => {
    const text = docxText(await renderDocx(doc(DECISION)));
    expect(text).toContain("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.");
    expect(text).toContain("(Ban hành kèm theo Quyết định số 15/QĐ-UBND");
    if (!poppler) return;
    const pdf = await pdfOf(DECISION, "decision");
    expect(pdfPageText(pdf, 1)).toContain("QUYẾT ĐỊNH:");
    expect(pdfPageText(pdf, 1)).not.toContain("KẾ HOẠCH");
    expect(pdfPageText(pdf, 2)).toContain("KẾ HOẠCH");
  });

  it("words a Party committee's decision its own way", () => {
    const party = DECISION.replace("symbol: QĐ-UBND", "family: party\nsymbol: QĐ/ĐU")
      .replace("authority: ỦY BAN NHÂN DÂN XÃ ĐỒNG TÂM", "authority: BAN THƯỜNG VỤ ĐẢNG ỦY XÃ")
      .replace("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", "Căn cứ Điều lệ Đảng")
      .replace("proposal: Theo đề nghị của Trưởng Trạm Y tế xã", "proposal: Xét đề nghị của Văn phòng Đảng ủy xã");
    const p = texts(party);
    expect(p).toContain("- Căn cứ Điều lệ Đảng;");
    expect(p).toContain("- Xét đề nghị của Văn phòng Đảng ủy xã,");
    expect(p.indexOf("BAN THƯỜNG VỤ ĐẢNG ỦY XÃ QUYẾT ĐỊNH")).toBeGreaterThan(p.indexOf("- Căn cứ Điều lệ Đảng;"));
    expect(p).toContain("(Kèm theo Quyết định số 15-QĐ/ĐU, ngày 05 tháng 01 năm 2025 của Ủy ban nhân dân xã Đồng Tâm)");
  });

  it("takes articles written out instead of the standard three, never both", () => {
    const own = DECISION.replace(/ {2}executors: .*\n/, "  articles: [Ban hành kèm theo Quyết định này Kế hoạch., Quyết định này có hiệu lực kể từ ngày ký./.]\n");
    expect(texts(own)).toContain("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.");
    expect(texts(own).some((x) => x.startsWith("Điều 3."))).toBe(false);
    const both = DECISION.replace("  proposal:", "  articles: [Một điều.]\n  proposal:");
    expect(errorsOf(both).join("\n")).toMatch(/E_SCHEMA decision\.executors @\d+: .*không có tác dụng/);
  });

  it("words Điều 2 the plan's way with effect, and refuses effect beside articles", () => {
    const own = DECISION.replace("  proposal:", "  effect: Quyết định này có hiệu lực thi hành kể từ ngày ký.\n  proposal:");
    const p = texts(own);
    expect(p).toContain("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.");
    expect(p.some((x) => x.startsWith("Điều 3. Văn phòng Ủy ban nhân dân xã"))).toBe(true);
    const both = own.replace(/ {2}executors: .*\n/, "  articles: [Một điều.]\n");
    expect(errorsOf(both).join("\n")).toMatch(/E_SCHEMA decision\.effect @\d+: .*effect không có tác dụng khi đã viết articles/);
  });
});

describe("a task whose sub-rows each have their own deadline", () => {
  const ROWS = MINI.replace(
    '  - { id: t1, section: s1, content: "Tổ chức tuyên truyền.", lead: [tyt], partners: [lq], deadline: Q2/2025 }',
    '  - { id: t1, section: s1, content: "Tổ chức tuyên truyền.", lead: [tyt], partners: [lq], rows: [{ content: Hội nghị, deadline: Q2/2025 }, { content: Tờ rơi, deadline: Q4/2025 }] }',
  );

  it("needs no deadline of its own: it spans theirs where the task is listed, and each row prints its own", async () => {
    const { plan } = parsePlan("plan.yaml", ROWS.replace('"Chủ trì thực hiện kế hoạch."] }', '"Chủ trì thực hiện kế hoạch."], tasks: true }'));
    expect(plan.tasks[0]!.deadline).toEqual({ kind: "range", from: { kind: "quarter", quarter: 2, year: 2025 }, to: { kind: "quarter", quarter: 4, year: 2025 } });
    const p = modelParagraphs(planToDocument(plan)).map((x) => paragraphText(x).replace(/\u00a0/g, " "));
    expect(p).toContain("- Tổ chức tuyên truyền. Thời gian thực hiện: Quý II - Quý IV năm 2025.");
    const cells = p.slice(p.indexOf("Hội nghị"));
    expect(cells).toContain("Quý II năm 2025");
    expect(cells).toContain("Quý IV năm 2025");
  });

  it("is an error at the task when a row has none", () => {
    const msg = errorsOf(ROWS.replace("{ content: Tờ rơi, deadline: Q4/2025 }", "{ content: Tờ rơi }")).join("\n");
    expect(msg).toMatch(/E_DEADLINE tasks\[0\]\.deadline @\d+: .*thiếu thời hạn của nhiệm vụ/);
  });
});

const AGENCIES = MINI.replace("appendix: { title: Nhiệm vụ cụ thể }\n", "")
  .replace("duties:\n  - { agency: tyt, items: [\"Chủ trì thực hiện kế hoạch.\"] }\n", "")
  .replace(
    "agencies:\n",
    `agencies:
  vh: { name: Công chức Văn hóa - Xã hội }
  ub: { name: "Ủy ban nhân dân các thôn, bản" }
  mt: { name: Ủy ban Mặt trận Tổ quốc Việt Nam xã, request: true }
`,
  )
  .replace(
    "tasks:\n",
    `tasks:
  - { id: t2, section: s1, content: "Rà soát sổ sức khỏe điện tử.", lead: [tyt], deadline: "Quí IV/2025 - Quý II/2026" }
  - { id: t3, section: s1, content: "Tuyên truyền trên loa truyền thanh.", lead: [vh], deadline: Hàng năm }
`,
  )
  .concat(`outline:
  - { title: MỤC ĐÍCH, use: purposes }
  - { title: YÊU CẦU, use: requirements }
  - { title: NHIỆM VỤ CỤ THỂ, use: duties, part: nhiem-vu }
  - { title: TỔ CHỨC THỰC HIỆN, use: duties }
phrasing: { deadlines: short, dutyItems: letters }
duties:
  - { agency: tyt, part: nhiem-vu, tasks: true }
  - { agency: [vh, ub], part: nhiem-vu, items: [Phối hợp tuyên truyền.], tasks: true }
  - { agency: mt, part: nhiem-vu, items: [Giám sát việc thực hiện., Vận động Nhân dân.] }
  - { agency: tyt, items: [Báo cáo kết quả.] }
`);

describe("work grouped by agency", () => {
  it("lists each agency's tasks from the task data, a) b) as the plan chooses, with their deadlines", () => {
    const p = texts(AGENCIES);
    expect(p).toContain("II. NHIỆM VỤ CỤ THỂ".replace("II", "III"));
    expect(p).toContain("1. Trạm Y tế xã");
    // in the order of the tasks (the appendix order), whatever the order of the file
    expect(p).toContain("a) Rà soát sổ sức khỏe điện tử. Thời gian thực hiện: Quý IV/2025 - Quý II/2026.");
    expect(p).toContain("b) Tổ chức tuyên truyền. Thời gian thực hiện: Quý II/2025.");
  });

  it("puts several agencies under one heading, and asks (Đề nghị …) the bodies it does not direct", () => {
    const p = texts(AGENCIES);
    expect(p).toContain("2. Công chức Văn hóa - Xã hội; Ủy ban nhân dân các thôn, bản");
    expect(p).toContain("a) Phối hợp tuyên truyền.");
    expect(p).toContain("b) Tuyên truyền trên loa truyền thanh. Thời gian thực hiện: Hằng năm.");
    expect(p).toContain("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã");
  });

  it("fills as many parts as the outline has, each with its own duties, and needs no appendix", async () => {
    const p = texts(AGENCIES);
    const iv = p.indexOf("IV. TỔ CHỨC THỰC HIỆN");
    expect(iv).toBeGreaterThan(p.indexOf("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã"));
    expect(p.slice(iv)).toEqual(expect.arrayContaining(["1. Trạm Y tế xã", "Báo cáo kết quả."]));
    expect(p.some((x) => x.includes("PHỤ LỤC"))).toBe(false);
    const text = docxText(await renderDocx(doc(AGENCIES)));
    expect(text).toContain("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã");
    if (poppler) expect(pdfText(await pdfOf(AGENCIES, "agencies")).replace(/[\s\u00a0]+/g, " ")).toContain("a) Rà soát sổ sức khỏe điện tử. Thời gian thực hiện: Quý IV/2025 - Quý II/2026.");
  });

  it("refuses duties no part prints, task lists without an agency, and appendix numbers without an appendix", () => {
    expect(errorsOf(AGENCIES.replace("part: nhiem-vu, tasks: true }", "part: nhiem-vuu, tasks: true }")).join("\n")).toMatch(/E_SCHEMA duties\[0\]\.part @\d+: .*use: duties, part: nhiem-vuu/);
    expect(errorsOf(AGENCIES.replace("- { agency: tyt, items: [Báo cáo kết quả.] }", "- { title: Các thôn, items: [Báo cáo.], tasks: true }")).join("\n")).toMatch(/E_SCHEMA duties\[3\]\.tasks @\d+/);
    expect(errorsOf(AGENCIES.replace("- { agency: tyt, items: [Báo cáo kết quả.] }", "- { agency: tyt, items: [Báo cáo.], listTasks: true }")).join("\n")).toMatch(/E_SCHEMA duties\[3\]\.listTasks @\d+: .*không có Phụ lục/);
  });
});

describe("the plan's own phrasing", () => {
  it("reads the new deadline forms as structure and prints them long or short", () => {
    const cases: [string, string, string][] = [
      ["thường xuyên", "Nhiệm vụ thường xuyên", "Thường xuyên"],
      ["Quí IV/2025", "Quý IV năm 2025", "Quý IV/2025"],
      ["2025", "Năm 2025", "2025"],
      ["Hàng năm", "Hằng năm", "Hằng năm"],
      ["Tháng 12 hằng năm", "Tháng 12 hằng năm", "Tháng 12 hằng năm"],
      ["tháng 12/2025", "Tháng 12 năm 2025", "Tháng 12/2025"],
      ["Quý IV/2025 - Quý II/2026", "Quý IV năm 2025 - Quý II năm 2026", "Quý IV/2025 - Quý II/2026"],
      ["2025 - 2026", "Năm 2025 - 2026", "2025 - 2026"],
      // "năm" typed keeps its word in a plan of short deadlines (real plans mix "Quý I/2026" and "Năm 2026")
      ["Năm 2025 - 2026", "Năm 2025 - 2026", "Năm 2025 - 2026"],
      ["năm 2026", "Năm 2026", "Năm 2026"],
      // two quarters or months of one year name it once; the first may be typed without it
      ["Quý II - Quý III/2026", "Quý II - Quý III năm 2026", "Quý II - Quý III/2026"],
      ["Quý II/2026 - Quý III/2026", "Quý II - Quý III năm 2026", "Quý II - Quý III/2026"],
      ["tháng 3 - tháng 5/2026", "Tháng 3 - Tháng 5 năm 2026", "Tháng 3 - Tháng 5/2026"],
      ["Hằng quý", "Hằng quý", "Hằng quý"],
      ["hàng tháng", "Hằng tháng", "Hằng tháng"],
      ["Khi có phát sinh", "Khi có phát sinh", "Khi có phát sinh"],
    ];
    for (const [input, long, short] of cases) {
      const d = parseDeadlineText(input);
      expect(d, input).toBeDefined();
      expect(deadlineText(d!, "long").replace(/\u00a0/g, " ")).toBe(long);
      expect(deadlineText(d!, "short").replace(/\u00a0/g, " ")).toBe(short);
    }
    expect(parseDeadlineText("Quý II/2026 - Quý IV/2025")).toBeUndefined(); // a range that ends before it starts
    expect(parseDeadlineText("Quý III - Quý II/2026")).toBeUndefined();
    // what prints reads back as the same deadline (the editor shows the printed form)
    for (const [input] of cases) {
      const d = parseDeadlineText(input)!;
      for (const style of ["long", "short"] as const) expect(parseDeadlineText(deadlineText(d, style).replace(/\u00a0/g, " ")), `${input} ${style}`).toMatchObject({ kind: d.kind });
    }
  });

  it("checks the new forms against the plan period like the old ones", () => {
    const withDeadline = (dl: string) => MINI.replace("deadline: Q2/2025 }", `deadline: "${dl}" }`).concat("period: { from: 2025, to: 2026 }\n");
    const codes = (dl: string) => {
      const { plan, source } = parsePlan("plan.yaml", withDeadline(dl));
      return checkPlan(plan, source).map((f) => f.code).filter((c) => c !== "C_PLACEHOLDER");
    };
    expect(codes("Quý IV/2025 - Quý II/2026")).toEqual([]); // inside the period
    expect(codes("2027 - 2028")).toContain("C_DEADLINE_AFTER_HORIZON");
    expect(codes("2026 - 2027")).toContain("C_DEADLINE_AFTER_HORIZON"); // ends after the period
    expect(codes("tháng 3/2027")).toContain("C_DEADLINE_AFTER_HORIZON");
    expect(codes("Quý I/2024 - Quý IV/2024")).toContain("C_DEADLINE_BEFORE_ISSUE");
    expect(codes("tháng 12/2024")).toContain("C_DEADLINE_BEFORE_ISSUE");
    expect(codes("Hằng năm")).toEqual([]);
    expect(codes("Khi có phát sinh")).toEqual([]);
  });

  it("prints citation dates in words when the plan says so, and needs a title only where one prints", () => {
    const words = MINI.concat("phrasing: { citationDates: words }\n");
    expect(texts(words)).toContain("Thực hiện Chỉ thị số 25-CT/TW ngày 25 tháng 10 năm 2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở; Ủy ban nhân dân xã ban hành kế hoạch như sau:");
    const noTitle = MINI.replace("documents:\n", "documents:\n  kh9: { kind: Kế hoạch, number: 9/KH-UBND, date: 2024-03-05, issuer: Ủy ban nhân dân huyện }\n");
    expect(texts(noTitle.replace("Bảo đảm tiến độ.", "\"Tiếp theo {kh9:dated}.\""))).toContain("a) Tiếp theo Kế hoạch số 9/KH-UBND ngày 05/3/2024 của Ủy ban nhân dân huyện.");
    expect(errorsOf(noTitle.replace("Bảo đảm tiến độ.", "\"Tiếp theo {kh9}.\"")).join("\n")).toMatch(/E_REFERENCE requirements\[0\] @\d+: Văn bản "kh9" được dẫn đầy đủ nhưng chưa có trích yếu/);
  });

  it("opens with several paragraphs and prints purposes with dashes when asked", () => {
    const yaml = MINI.replace(
      /legalBasis: .*\n/,
      'legalBasis:\n  - Năm 2024, mạng lưới y tế xã được củng cố.\n  - { items: ["{ct25:full}"], conclusion: "Ủy ban nhân dân xã ban hành kế hoạch như sau:" }\n',
    ).concat("phrasing: { purposes: dashes }\n");
    const p = texts(yaml);
    expect(p.indexOf("Năm 2024, mạng lưới y tế xã được củng cố.")).toBe(p.findIndex((x) => x.startsWith("Thực hiện Chỉ thị số 25-CT/TW ngày")) - 1);
    expect(p).toContain("- Nhắc lại Chỉ thị số 25-CT/TW lần nữa.");
    expect(p).toContain("- Bảo đảm tiến độ.");
  });
});

describe("inline text and order", () => {
  const bold = MINI.replace("Bảo đảm tiến độ.", "\"**Trạm Y tế xã** (cơ quan chủ trì) bảo đảm tiến độ; doanh nghiệp *(DN)*; 5 \\\\* 3.\"");

  it("formats **bold** and *italic* inside a sentence; \\* prints an asterisk", async () => {
    const para = modelParagraphs(doc(bold)).find((x) => paragraphText(x).includes("(cơ quan chủ trì)"))!;
    expect(paragraphText(para)).toBe("a) Trạm Y tế xã (cơ quan chủ trì) bảo đảm tiến độ; doanh nghiệp (DN); 5 * 3.");
    expect(para.runs.find((r) => r.text === "Trạm Y tế xã")).toMatchObject({ bold: true });
    expect(para.runs.find((r) => r.text === "(DN)")).toMatchObject({ italic: true });
    const xml = docxXml(await renderDocx(doc(bold)));
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Trạm Y tế xã<\/w:t>/s);
    expect(xml).not.toContain("**");
    if (poppler) {
      const text = pdfText(await pdfOf(bold, "bold"));
      expect(text).toContain("Trạm Y tế xã (cơ quan chủ trì)");
      expect(text).not.toContain("**");
    }
  });

  it("refuses an unbalanced marker with its place", () => {
    const errs = errorsOf(MINI.replace("Bảo đảm tiến độ.", "\"**Trạm Y tế xã bảo đảm tiến độ.\""));
    expect(errs.join("\n")).toMatch(/E_INLINE requirements\[0\] @11: Dấu \*\* mở mà không đóng/);
  });

  it("keeps the order a section was written in: a paragraph after its dash items", () => {
    const yaml = MINI.replace("    letters: [{ text: \"Tuyên truyền ở thôn, bản.\"", "    dashes: [Ở chợ., Ở trường.]\n    paragraphs: [Kết quả được đánh giá hằng năm.]\n    letters: [{ text: \"Tuyên truyền ở thôn, bản.\"");
    const p = texts(yaml);
    const [a, b, c] = [p.indexOf("- Ở trường."), p.indexOf("Kết quả được đánh giá hằng năm."), p.indexOf("a) Tuyên truyền ở thôn, bản.")];
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(a + 1);
    expect(c).toBe(b + 1);
  });

  it("prints a target's value inside a sentence, so a changed target changes the sentence", () => {
    const yaml = (v: string) => MINI.concat(`targets: [{ id: bhyt, value: "${v}", text: "Bao phủ bảo hiểm y tế {target:bhyt} dân số." }]\n`).replace("Bảo đảm tiến độ.", "\"Đạt {target:bhyt} vào năm 2025.\"");
    expect(texts(yaml("trên 95%"))).toEqual(expect.arrayContaining(["1. Bao phủ bảo hiểm y tế trên 95% dân số.", "a) Đạt trên 95% vào năm 2025."]));
    expect(texts(yaml("trên 97%"))).toContain("a) Đạt trên 97% vào năm 2025.");
    expect(errorsOf(MINI.replace("Bảo đảm tiến độ.", "\"Đạt {target:khong-co}.\"")).join("\n")).toMatch(/E_REFERENCE requirements\[0\] @\d+: Không có mục tiêu mã "khong-co"/);
    expect(errorsOf(MINI.concat("targets: [{ id: g, text: Mục tiêu. }]\n").replace("Bảo đảm tiến độ.", "\"Đạt {target:g}.\"")).join("\n")).toMatch(/chưa có giá trị \(value\)/);
  });

  it("names an agency in full at its first mention and by its short name after", () => {
    const yaml = MINI.replace("tyt: { name: Trạm Y tế xã }", "tyt: { name: Trạm Y tế xã Đồng Tâm, short: Trạm Y tế }");
    const p = texts(yaml);
    expect(p).toContain("1. Trạm Y tế xã Đồng Tâm");
    expect(p.filter((x) => x === "Trạm Y tế")).toHaveLength(1); // the appendix cell, later
    // in a sentence too: {agency:id} (the requirement comes before the duty's heading)
    const inline = texts(yaml.replace("Bảo đảm tiến độ.", "\"Giao **{agency:tyt}** chủ trì.\""));
    expect(inline).toContain("a) Giao Trạm Y tế xã Đồng Tâm chủ trì.");
    expect(inline).toContain("1. Trạm Y tế");
    expect(errorsOf(yaml.replace("Bảo đảm tiến độ.", "\"Giao {agency:tyte}.\"")).join("\n")).toMatch(/E_REFERENCE requirements\[0\] @\d+: Không có cơ quan mã "tyte".*"tyt"/);
  });
});

describe("keys that would have no effect are errors with their place", () => {
  const cases: [string, string, RegExp][] = [
    ["as: on use: purposes", MINI.concat("outline: [{ title: MỤC ĐÍCH, use: purposes, as: dashes }, { use: requirements }, { use: sections }, { use: duties }]\n"), /E_SCHEMA outline\[0\]\.as @\d+/],
    ["title: on a duty with agency:", MINI.replace('- { agency: tyt, items: ["Chủ trì thực hiện kế hoạch."] }', '- { agency: tyt, title: Trạm, items: ["Chủ trì thực hiện kế hoạch."] }'), /E_SCHEMA duties\[0\]\.title @\d+: .*tiêu đề lấy tên cơ quan/],
    ["milestone: without use: targets", MINI.concat("outline: [{ title: MỤC ĐÍCH, use: purposes, milestone: '2025' }, { use: requirements }, { use: sections }, { use: duties }]\n"), /E_SCHEMA outline\[0\]\.milestone @\d+/],
    ["part: without use: duties", MINI.concat("outline: [{ title: MỤC ĐÍCH, use: purposes, part: x }, { use: requirements }, { use: sections }, { use: duties }]\n"), /E_SCHEMA outline\[0\]\.part @\d+/],
    ["plain: on an unnumbered heading", MINI.concat("outline: [{ title: MỤC ĐÍCH, use: purposes, numbered: false, plain: true }, { use: requirements }, { use: sections }, { use: duties }]\n"), /E_SCHEMA outline\[0\]\.plain @\d+/],
    ["purposes no outline part prints", MINI.concat("outline: [{ use: requirements }, { use: sections }, { use: duties }]\n"), /E_SCHEMA purposes @\d+: .*use: purposes/],
    ["appendix: without tasks", MINI.replace(/tasks:\n {2}- .*\n/, ""), /E_SCHEMA appendix @\d+: .*không có nhiệm vụ/],
  ];
  it.each(cases)("%s", (_, yaml, expected) => {
    expect(errorsOf(yaml).join("\n")).toMatch(expected);
  });
});

describe("the new samples", () => {
  it("build: the decision's plan and the agency-grouped plan", async () => {
    const { loadPlan } = await import("../src/load/plan.ts");
    const c = planToDocument((await loadPlan("data/phu-tho-qd-nq72.yaml")).plan);
    expect(modelTexts(c)).toContain("(Ban hành kèm theo Quyết định số 2315/QĐ-UBND ngày 14 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh Phú Thọ)");
    const d = planToDocument((await loadPlan("data/ha-tinh-attp-2026.yaml")).plan);
    expect(modelTexts(d)).toContain("3. Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Hà Tĩnh");
    expect(modelTexts(d).some((x) => x.startsWith("2. Sở NN&MT; Sở VHTTDL;"))).toBe(true);
    if (poppler) expect(pdfPages(await pdfOf(MINI, "mini")).length).toBeGreaterThan(0);
  });
});

describe("a long appendix caption", () => {
  it("breaks into balanced lines between phrases, never leaving the place name alone (Phú Thọ)", async () => {
    const { loadPlan } = await import("../src/load/plan.ts");
    const { plan } = await loadPlan("data/phu-tho-qd-nq72.yaml");
    const lines = modelParagraphs(planToDocument(plan))
      .filter((p) => p.style === "appendix-caption")
      .map((p) => p.runs.map((r) => r.text).join(""));
    expect(lines).toEqual(["(Kèm theo Kế hoạch ban hành kèm theo Quyết định số 2315/QĐ-UBND", "ngày 14 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh Phú Thọ)"]);
  });
});
