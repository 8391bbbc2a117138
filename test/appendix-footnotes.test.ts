// Appendix shapes (group rows, columns, merged sub-rows, rows kept whole,
// several appendices) and footnotes, in both outputs, and the mistakes a plan
// can make with them.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPlan } from "../src/check/rules.ts";
import { balanceLines } from "../src/document/fit.ts";
import { textWidth } from "../src/document/measure.ts";
import { UserError } from "../src/errors.ts";
import { loadPlan, parsePlan } from "../src/load/plan.ts";
import type { Plan } from "../src/model/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf } from "../src/render/pdf/index.ts";
import { MINI } from "./fixtures/mini.ts";
import { docxParagraphs, docxXml } from "./helpers/docx-text.ts";
import { tempDir } from "./helpers/run.ts";
import { has } from "./helpers/tools.ts";

const poppler = has("pdftotext");

/** Words of each PDF page with their boxes (pdftotext -bbox), pages in order. */
function pdfWords(pdf: Uint8Array): { page: number; height: number; words: { text: string; yMin: number; yMax: number }[] }[] {
  const file = join(tempDir(), "x.pdf");
  writeFileSync(file, pdf);
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m, i) => ({
    page: i + 1,
    height: Number(m[2]),
    words: [...m[3]!.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({ text: w[3]!, yMin: Number(w[1]), yMax: Number(w[2]) })),
  }));
}
const pageText = (p: { words: { text: string }[] }) => p.words.map((w) => w.text).join(" ");

function parse(yaml: string): Plan {
  return parsePlan("plan.yaml", yaml).plan;
}

function loadError(yaml: string): string {
  try {
    parsePlan("plan.yaml", yaml);
  } catch (e) {
    if (e instanceof UserError) return e.format();
    throw e;
  }
  return "";
}

describe("appendix shapes (Quảng Ngãi sample)", () => {
  let docx: Uint8Array;
  let xml: string;
  let table: string;
  beforeAll(async () => {
    const { plan } = await loadPlan("data/quang-ngai-nq72.yaml");
    docx = await renderDocx(planToDocument(plan));
    xml = docxXml(docx);
    table = xml.slice(xml.lastIndexOf("<w:tbl>"));
  });

  it("has the plan's columns with their header words", () => {
    expect(table.match(/<w:gridCol /g)).toHaveLength(7);
    const paras = docxParagraphs(docx);
    const head = paras.indexOf("Tên nhiệm vụ");
    expect(paras.slice(head - 1, head + 6)).toEqual(["TT", "Tên nhiệm vụ", "Nội dung thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Sản phẩm dự kiến"]);
  });

  it("groups rows under bold full-width group rows, numbered through", () => {
    expect(table).toMatch(/<w:gridSpan w:val="7"\/><\/w:tcPr><w:p><w:pPr><w:pStyle w:val="KH-cell-bold"\/>(<w:keepNext\/>)?<\/w:pPr><w:r><w:t xml:space="preserve">I\. Công tác tuyên truyền, nâng cao nhận thức/);
    const paras = docxParagraphs(docx);
    const groups = paras.filter((p) => /^(I|II|III)\. /.test(p) && paras.indexOf(p) > paras.indexOf("Tên nhiệm vụ"));
    expect(groups).toEqual(["I. Công tác tuyên truyền, nâng cao nhận thức", "II. Củng cố mạng lưới y tế cơ sở và y tế dự phòng", "III. Chuyển đổi số trong quản lý sức khỏe người dân"]);
    // numbers run through the groups: 1, 2 | 3, 4 | 5
    const numbers = [...table.matchAll(/KH-cell-center"\/>(?:<w:keepNext\/>)?<\/w:pPr><w:r><w:t xml:space="preserve">(\d+)<\/w:t>/g)].map((m) => m[1]);
    expect(numbers).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("merges the cells a task's sub-rows share (vMerge) and keeps the sub-rows together", () => {
    // task 1: three sub-rows; TT, name, lead and partners merged, deadline per row
    const rows = table.split("<w:tr>").slice(1);
    const task1 = rows.slice(2, 5);
    expect(task1[0]!.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(4);
    expect(task1[1]!.match(/<w:vMerge\/>/g)).toHaveLength(4);
    expect(task1[2]!.match(/<w:vMerge\/>/g)).toHaveLength(4);
    expect(task1[1]).toContain("Xây dựng chuyên mục");
    expect(task1[2]).toContain("Quý I năm 2026");
    // the first two keep with the next row; the last does not
    expect(task1[0]).toContain("<w:keepNext/>");
    expect(task1[2]).not.toContain("<w:keepNext/>");
  });

  it("keeps every body row on one page (cantSplit), the header repeating", () => {
    const rows = table.split("<w:tr>").slice(1);
    expect(rows[0]).toContain("<w:tblHeader/>");
    for (const r of rows.slice(1)) expect(r).toContain("<w:cantSplit/>");
  });

  it("words the caption as the plan asks and the body line pointing at the appendix", () => {
    const paras = docxParagraphs(docx);
    expect(paras).toContain("(Kèm theo Kế hoạch số 318/KH-UBND ngày 24/11/2025 của Ủy ban nhân dân tỉnh)");
    expect(paras).toContain("Nhiệm vụ cụ thể của các cơ quan, đơn vị được phân công tại Phụ lục kèm theo Kế hoạch này.");
    expect(paras.some((p) => /^\d+\. Nhiệm vụ cụ thể của các cơ quan, đơn vị tại Phụ lục/.test(p))).toBe(false);
  });

  it("writes real Word footnotes, numbered continuously in the order of their marks", () => {
    const refs = [...xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]);
    expect(refs).toEqual(["1", "2", "3"]);
    const notes = docxXml(docx, "word/footnotes.xml");
    expect(notes).toContain('w:type="separator" w:id="-1"');
    expect(notes).toContain('w:type="continuationSeparator" w:id="0"');
    expect(notes).toMatch(/<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="KH-footnote"\/><\/w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"\/><\/w:rPr><w:footnoteRef\/><\/w:r>.*Kế hoạch số 146\/KH-UBND ngày 12\/8\/2024/);
    // mark 2 is in the targets, before mark 3: "ho-so" then "tram-y-te"
    expect(notes.indexOf("VNeID")).toBeLessThan(notes.indexOf("96 trạm y tế"));
    expect(docxXml(docx, "word/_rels/document.xml.rels")).toContain('Target="footnotes.xml"');
    expect(docxXml(docx, "[Content_Types].xml")).toContain('PartName="/word/footnotes.xml"');
  });
});

describe.skipIf(!poppler)("appendix and footnotes in our PDF", () => {
  let pages: ReturnType<typeof pdfWords>;
  beforeAll(async () => {
    const { plan } = await loadPlan("data/quang-ngai-nq72.yaml");
    pages = pdfWords(await renderPdf(planToDocument(plan), await loadFonts()));
  });

  it("prints each footnote at the foot of the page where its mark falls, in the footnote size", () => {
    for (const [mark, note] of [
      ["tỉnh1;", "146/KH-UBND"],
      ["điện", "VNeID."],
    ] as const) {
      const markPage = pages.find((p) => p.words.some((w) => w.text.startsWith(mark.replace(/\d;$/, "")) && pageText(p).includes(note)));
      expect(markPage, note).toBeDefined();
      const noteWord = markPage!.words.find((w) => w.text === note)!;
      // in the bottom fifth of the page, below every line of body text
      expect(noteWord.yMin).toBeGreaterThan(markPage!.height * 0.8);
      // 12 pt text: a word box about 12 pt high (pdftotext boxes are ascent+descent)
      expect(noteWord.yMax - noteWord.yMin).toBeLessThan(13.5);
    }
  });

  it("prints the group rows and every row of a task on one page", () => {
    const all = pages.map(pageText);
    const appendix = all.findIndex((t) => t.includes("DANH MỤC NHIỆM VỤ"));
    expect(appendix).toBeGreaterThan(0);
    const rest = all.slice(appendix).join(" ");
    expect(rest).toContain("I. Công tác tuyên truyền, nâng cao nhận thức");
    expect(rest).toContain("III. Chuyển đổi số trong quản lý sức khỏe người dân");
    // sub-rows of task 3 share one page
    const p = all.findIndex((t) => t.includes("Rà soát hiện trạng"));
    expect(all[p]).toContain("Tổ chức thi công cải tạo");
  });
});

describe.skipIf(!poppler)("rows kept whole in the PDF", () => {
  it("moves a short row to the next page instead of splitting it", async () => {
    const long = "Nội dung nhiệm vụ có nhiều dòng để hàng cao hơn, " .repeat(6);
    const tasks = Array.from({ length: 30 }, (_, i) => `  - { id: t${i + 10}, section: s1, content: "Việc số ${i + 1}: ${long}hết việc ${i + 1}.", lead: [tyt], deadline: Q2/2025 }`).join("\n");
    const plan = parse(MINI.replace("tasks:\n", `tasks:\n${tasks}\n`));
    const pages = pdfWords(await renderPdf(planToDocument(plan), await loadFonts())).map(pageText);
    const first = pages.findIndex((t) => t.includes("Nhiệm vụ cụ thể"));
    for (let i = 1; i <= 30; i++) {
      const start = pages.findIndex((t, k) => k >= first && t.includes(`Việc số ${i}:`));
      expect(pages[start], `row ${i}`).toContain(`hết việc ${i}.`);
    }
  });
});

describe("two appendices and plan-chosen appendix shapes", () => {
  const TWO = MINI.replace("appendix: { title: Nhiệm vụ cụ thể }", [
    "targets: [{ id: g1, text: Tỷ lệ tham gia bảo hiểm y tế đạt trên 95%, milestone: '2025' }]",
    "appendix:",
    "  - { title: Nhiệm vụ cụ thể, numbering: restart, groups: true, pointer: false, columns: [no, content, lead, { key: deadline, header: Thời gian thực hiện }, { key: note, header: Ghi chú }] }",
    "  - { title: Chỉ tiêu chủ yếu, content: targets }",
  ].join("\n"));

  it("prints PHỤ LỤC I and II, each in its own landscape section, and drops the pointer line", async () => {
    const doc = planToDocument(parse(TWO));
    const docx = await renderDocx(doc);
    const paras = docxParagraphs(docx);
    expect(paras).toContain("PHỤ LỤC I");
    expect(paras).toContain("PHỤ LỤC II");
    expect(paras.indexOf("PHỤ LỤC I")).toBeLessThan(paras.indexOf("PHỤ LỤC II"));
    expect(doc.sections.filter((s) => s.orientation === "landscape")).toHaveLength(2);
    expect(paras).toContain("Tỷ lệ tham gia bảo hiểm y tế đạt trên 95%");
    expect(paras.some((p) => p.includes("tại Phụ lục kèm theo"))).toBe(false);
    expect(paras).toContain("Ghi chú");
    expect(paras).toContain("Thời gian thực hiện");
  });

  it("with numbers restarting in each group, a duty cites its tasks by the numbers the appendix prints", async () => {
    // a second section with two tasks; the duty of Trạm Y tế xã lists the numbers of the tasks it leads
    const yaml = TWO.replace("tasks:\n", [
      "  - { id: s2, title: Công tác tổ chức }",
      "tasks:",
      "  - { id: a1, section: s2, content: Kiện toàn Ban chỉ đạo., lead: [lq], deadline: Q1/2025 }",
      "  - { id: a2, section: s2, content: Rà soát đội ngũ nhân viên y tế thôn bản., lead: [tyt], deadline: Q3/2025 }",
      "",
    ].join("\n")).replace('- { agency: tyt, items: ["Chủ trì thực hiện kế hoạch."] }', '- { agency: tyt, items: ["Chủ trì thực hiện kế hoạch."], listTasks: true }');
    const plan = parse(yaml);
    const paras = docxParagraphs(await renderDocx(planToDocument(plan)));
    // Trạm Y tế xã leads t1 (group I, number 1) and a2 (group II, number 2)
    expect(paras).toContain("- Chủ trì thực hiện các nhiệm vụ số 1 mục I và số 2 mục II tại Phụ lục I kèm theo.");
    const rowOf = (text: string) => paras[paras.indexOf(text) - 1];
    expect(rowOf("Tổ chức tuyên truyền.")).toBe("1");
    expect(rowOf("Kiện toàn Ban chỉ đạo.")).toBe("1");
    expect(rowOf("Rà soát đội ngũ nhân viên y tế thôn bản.")).toBe("2");
    // running through, the same duty cites 1 and 3
    const through = parse(yaml.replace("numbering: restart, ", ""));
    expect(docxParagraphs(await renderDocx(planToDocument(through)))).toContain("- Chủ trì thực hiện các nhiệm vụ số 1 và 3 tại Phụ lục I kèm theo.");
  });

  it("an appendix of indicators prints the indicator table in its own landscape section", async () => {
    const yaml = MINI.replace("appendix: { title: Nhiệm vụ cụ thể }", [
      "indicators:",
      "  columns: [Năm 2025, Năm 2030]",
      "  rows:",
      "    - group: Chỉ tiêu đầu vào",
      "    - { name: Số bác sĩ/10.000 dân, unit: Bác sĩ, values: [{ gt: 13.5 }, 15] }",
      "appendix:",
      "  - { title: Nhiệm vụ cụ thể }",
      "  - { title: Các chỉ tiêu chủ yếu, content: indicators }",
    ].join("\n"));
    const doc = planToDocument(parse(yaml));
    const last = doc.sections[doc.sections.length - 1]!;
    expect(last.orientation).toBe("landscape");
    const table = last.blocks.find((b) => b.type === "table");
    expect(table?.type === "table" && table.columns.length).toBe(5);
    const paras = docxParagraphs(await renderDocx(doc));
    // in the appendix only, not in the body too
    expect(paras.indexOf("PHỤ LỤC II")).toBeLessThan(paras.indexOf("Số bác sĩ/10.000 dân"));
    expect(paras.filter((p) => p === "Số bác sĩ/10.000 dân")).toHaveLength(1);
    expect(paras).toContain(">13,5");
  });

  it("a draft's caption keeps its blanks in either date style", async () => {
    const draft = MINI.replace("number: 7\n", "").replace("date: { day: 5, month: 1, year: 2025 }", "date: { year: 2025 }").replace("appendix: { title: Nhiệm vụ cụ thể }", "appendix: { title: Nhiệm vụ cụ thể, caption: { date: slash, of: Ủy ban nhân dân xã } }");
    const paras = docxParagraphs(await renderDocx(planToDocument(parse(draft))));
    const B = "\u00a0".repeat(6);
    expect(paras).toContain(`(Kèm theo Kế hoạch số ${B}/KH-UBND ngày ${B}/${B}/2025 của Ủy ban nhân dân xã)`);
  });
});

describe("mistakes with appendices and footnotes", () => {
  it("a footnote mark without its note is an error at its place", () => {
    const msg = loadError(MINI.replace("Bảo đảm tiến độ.", "\"Bảo đảm tiến độ[^khong-co].\""));
    expect(msg).toMatch(/^plan\.yaml:11:\d+: .*E_REFERENCE.*Không có chú thích mã "khong-co" \(unknown footnote\)/);
  });

  it("a mark inside a note is an error", () => {
    const msg = loadError(MINI.replace("appendix:", "footnotes: { a: \"Xem thêm[^b].\", b: Ghi chú. }\nappendix:").replace("Bảo đảm tiến độ.", "\"Bảo đảm tiến độ[^a].\""));
    expect(msg).toContain("footnote inside a footnote");
  });

  it("a note no text marks is reported by check", () => {
    const { plan, source } = parsePlan("plan.yaml", MINI.replace("appendix:", "footnotes: { a: Ghi chú. }\nappendix:"));
    expect(checkPlan(plan, source).map((f) => f.code)).toContain("C_FOOTNOTE_UNUSED");
  });

  it("a column that prints nothing in its appendix, or groups on targets, is an error", () => {
    expect(loadError(MINI.replace("appendix: { title: Nhiệm vụ cụ thể }", "appendix: { title: X, columns: [no, milestone] }"))).toContain('Cột "milestone" không dùng được trong phụ lục tasks');
    expect(loadError(MINI.replace("appendix: { title: Nhiệm vụ cụ thể }", "appendix: { title: X, content: targets, groups: true }"))).toContain("groups chỉ dùng cho phụ lục nhiệm vụ");
  });

  it("an unknown agency in a sub-row is an error", () => {
    const msg = loadError(MINI.replace('deadline: Q2/2025 }', 'deadline: Q2/2025, rows: [{ content: Dòng con, lead: [khong-co] }] }'));
    expect(msg).toContain('Không có cơ quan mã "khong-co"');
  });
});

describe("the draft mark (header.draft)", () => {
  it("state: a boxed DỰ THẢO (LẦN n) top left, above the header, in both outputs", async () => {
    const doc = planToDocument(parse(MINI.replace("symbol: KH-UBND", "symbol: KH-UBND\nheader: { draft: 2 }")));
    const xml = docxXml(await renderDocx(doc));
    const first = xml.slice(xml.indexOf("<w:body>"), xml.indexOf("ỦY BAN NHÂN DÂN"));
    expect(first).toMatch(/<w:tbl><w:tblPr><w:tblW w:w="\d+" w:type="dxa"\/><w:tblBorders><w:top w:val="single"/);
    expect(first).toContain("DỰ THẢO LẦN 2");
    if (!poppler) return;
    const page = pdfWords(await renderPdf(doc, await loadFonts()))[0]!;
    expect(pageText(page).startsWith("DỰ THẢO LẦN 2 ỦY BAN NHÂN DÂN")).toBe(true);
  });

  it("Party: Dự thảo right-aligned above the header; none without the key", async () => {
    const party = planToDocument(parse(MINI.replace("symbol: KH-UBND", "symbol: KH/ĐU\nfamily: party\nheader: { draft: true }")));
    const first = party.sections[0]!.blocks[0]!;
    expect(first).toMatchObject({ type: "paragraph", style: "draft-mark", runs: [{ text: "Dự thảo" }] });
    expect(party.styles["draft-mark"]).toMatchObject({ align: "right", bold: true, size: 14 });
    const plain = planToDocument(parse(MINI.replace("symbol: KH-UBND", "symbol: KH-UBND\nheader: { draft: false }")));
    expect(JSON.stringify(plain.sections[0]!.blocks)).not.toMatch(/DỰ THẢO|Dự thảo/);
  });
});

describe("layout a clerk would otherwise fix by hand", () => {
  const TITLE_W = 165 * (72 / 25.4);
  const bold14 = (s: string) => textWidth(s, 14, true);

  it("balances a long title between phrases: similar lengths, no orphan word, no break inside a number or a name", () => {
    const text = "Triển khai thực hiện Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ về việc ban hành kế hoạch triển khai thực hiện Chỉ thị số 25-CT/TW năm 2025";
    const lines = balanceLines(text, bold14, TITLE_W)!;
    expect(lines.join(" ")).toBe(text);
    expect(lines).toHaveLength(3);
    const widths = lines.map(bold14);
    expect(Math.max(...widths)).toBeLessThanOrEqual(TITLE_W);
    expect(Math.min(...widths) / Math.max(...widths)).toBeGreaterThan(0.7);
    for (const l of lines) {
      expect(l).not.toMatch(/ (số|ngày|năm|Thủ)$/);
      expect(l).not.toMatch(/^\d/);
    }
    expect(lines[lines.length - 1]!.split(" ").length).toBeGreaterThan(1);
    // a title that fits is left alone (the plan's breaks stand)
    expect(balanceLines("Thực hiện Chỉ thị số 25-CT/TW", bold14, TITLE_W)).toBeUndefined();
  });

  it("HCM sample: the one-line title becomes balanced lines and the long place-date stays on one line, in both outputs", async () => {
    const { plan } = await loadPlan("data/tp-hcm-syt-ct25.yaml");
    const doc = planToDocument(plan);
    const xml = docxXml(await renderDocx(doc));
    const titles = [...xml.matchAll(/<w:pStyle w:val="KH-summary"\/><\/w:pPr><w:r><w:t xml:space="preserve">([^<]*)</g)].map((m) => m[1]!);
    expect(titles.length).toBe(3);
    for (const l of titles) expect(bold14(l)).toBeLessThanOrEqual(TITLE_W);
    // the place-date line, shrunk within 13–14 pt (FORMAT.md §2), fits its column
    expect(xml).toMatch(/<w:pStyle w:val="KH-place-date-13(_5)?"\/><\/w:pPr><w:r><w:t xml:space="preserve">Thành phố Hồ Chí Minh, ngày 03 tháng 12 năm 2025/);
    const header = doc.sections[0]!.blocks.find((b) => b.type === "table")!;
    const cell = header.type === "table" ? header.rows[1]!.cells[1]! : undefined;
    const p = cell!.blocks[0]!;
    expect(p.type === "paragraph" && textWidth("Thành phố Hồ Chí Minh, ngày 03 tháng 12 năm 2025", doc.styles[p.style]!.size, false, true)).toBeLessThanOrEqual(header.type === "table" ? header.columns[1]! : 0);
    if (!poppler) return;
    const page = pdfWords(await renderPdf(doc, await loadFonts()))[0]!;
    const from = page.words.findIndex((w) => w.text === "Thành");
    const line = page.words.slice(from, from + 11);
    expect(line.map((w) => w.text).join(" ")).toBe("Thành phố Hồ Chí Minh, ngày 03 tháng 12 năm 2025");
    expect(new Set(line.map((w) => Math.round(w.yMin))).size).toBe(1);
  });

  it.skipIf(!poppler)("never leaves Nơi nhận and the signature alone on a page: the last paragraph goes with them", async () => {
    const fonts = await loadFonts();
    let alone = 0;
    for (let n = 14; n <= 30; n++) {
      const dashes = Array.from({ length: n }, (_, i) => `      - Nội dung số ${i + 1} của mục, đủ dài để chiếm trọn một dòng văn bản trong kế hoạch này.`).join("\n");
      const yaml = MINI.replace("closing: Trên đây là kế hoạch./.\n", "").replace("    letters: [", `    dashes:\n${dashes}\n    letters: [`);
      const pages = pdfWords(await renderPdf(planToDocument(parse(yaml)), fonts)).map(pageText);
      const sig = pages.find((t) => t.includes("Nơi nhận:"))!;
      if (!sig.includes("Chủ trì thực hiện kế hoạch.")) alone++;
    }
    expect(alone).toBe(0);
  });
});
