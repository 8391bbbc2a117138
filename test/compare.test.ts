// `build --compare`: a DOCX with tracked changes that Word/LibreOffice accept or
// reject, and a PDF with change bars, from the Bắc Kạn plan and an edited copy
// (one target changed, one task dropped, one deadline moved).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { compareDocuments, comparePlans, hasRevisions, printView, revisionOf } from "../src/compare/index.ts";
import { changedStretches } from "../src/compare/diff.ts";
import { mm } from "../src/document/model.ts";
import { loadPlan, parsePlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { loadFonts } from "../src/render/pdf/index.ts";
import { PageFlow } from "../src/render/pdf/layout.ts";
import { Shaper } from "../src/render/pdf/measure.ts";
import { CHANGE_BAR_GAP } from "../src/render/pdf/paint.ts";
import { Ctx } from "../src/render/pdf/para.ts";
import { docxParagraphs, docxXml } from "./helpers/docx-text.ts";
import { listDir, runCli, tempDir } from "./helpers/run.ts";
import { has, pdfPages, pdfText, sofficeToPdf } from "./helpers/tools.ts";

const OLD = "data/bac-kan-ct25.yaml";
const AUTHOR = "Sở Y tế";
const DATE = "2024-03-15";
const DROPPED = "Triển khai thực hiện các gói dịch vụ y tế cơ bản để giao nhiệm vụ cho y tế cơ sở thực hiện.";

/** The Bắc Kạn plan, edited: 95% → 98% in one target, task t09 dropped, t06's deadline moved; with a revision. */
function editedPlan(): string {
  const src = readFileSync(OLD, "utf8");
  const out = src
    .replace("đạt trên 95% dân số", "đạt trên 98% dân số")
    .replace(/ {2}- id: t09\n(?: {4}.*\n)+/, "")
    .replace("deadline: trước 01/7/2025", "deadline: trước 01/10/2025")
    .replace("date: { year: 2024 }\n", `date: { year: 2024 }\nrevision: { author: ${AUTHOR}, date: "${DATE}" }\n`);
  // every edit must have applied
  expect(out.split("98% dân số").length).toBe(2);
  expect(out).not.toContain("id: t09");
  expect(out).toContain("trước 01/10/2025");
  expect(out).toContain(`revision: { author: ${AUTHOR}`);
  return out;
}

/** The Bắc Kạn plan with whole paragraphs gone and added: purpose b) dropped, a requirement put first. */
function reworded(): string {
  const src = readFileSync(OLD, "utf8");
  const from = src.indexOf("  - >-\n    Tạo chuyển biến mạnh mẽ");
  const to = src.indexOf("  - >-\n    Xác định nhiệm vụ cụ thể");
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return (src.slice(0, from) + src.slice(to)).replace("requirements:\n", "requirements:\n  - Bảo đảm tiến độ và chất lượng.\n");
}

const dir = tempDir("kehoach-compare-");
const NEW = join(dir, "bac-kan-ct25.yaml");
const NEW2 = join(tempDir("kehoach-compare-"), "bac-kan-ct25.yaml");
const out = (name: string) => join(dir, name);
const read = (d: string, ext: string) => new Uint8Array(readFileSync(join(out(d), `bac-kan-ct25.${ext}`)));

/** Texts inside <w:del>…</w:del> (w:delText) and <w:ins>…</w:ins> (w:t), in document order. */
function changes(xml: string): { del: string[]; ins: string[]; ids: number[] } {
  const text = (inner: string, tag: string) => [...inner.matchAll(new RegExp(`<${tag} [^>]*>([^<]*)</${tag}>`, "g"))].map((m) => m[1]!).join("");
  const del: string[] = [];
  const ins: string[] = [];
  const ids: number[] = [];
  for (const m of xml.matchAll(/<w:(ins|del) w:id="(\d+)"[^>]*[^/]>([\s\S]*?)<\/w:\1>/g)) {
    ids.push(Number(m[2]));
    if (m[1] === "del") del.push(text(m[3]!, "w:delText"));
    else ins.push(text(m[3]!, "w:t"));
  }
  return { del, ins, ids };
}

/** Change bars in a PDF: width-1 filled rectangles in the page content streams. */
function pdfBars(pdf: Uint8Array): { x: number; h: number }[] {
  const s = Buffer.from(pdf).toString("latin1");
  const bars: { x: number; h: number }[] = [];
  for (const m of s.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1");
    } catch {
      continue;
    }
    if (!content.includes(" Tm")) continue;
    for (const r of content.matchAll(/(?:^|\n)([\d.]+) [\d.]+ 1 ([\d.]+) re f(?=\n|$)/g)) bars.push({ x: Number(r[1]), h: Number(r[2]) });
  }
  return bars;
}

const flat = (s: string) => s.replace(/\s+/g, " ").trim();

beforeAll(async () => {
  writeFileSync(NEW, editedPlan());
  writeFileSync(NEW2, reworded());
  for (const [name, args] of [
    ["cmp", [NEW, "--compare", OLD]],
    ["para", [NEW2, "--compare", OLD]],
    ["para-plain", [NEW2]],
    ["cmp2", [NEW, "--compare", OLD]],
    ["plain", [NEW]],
    ["same", [OLD, "--compare", OLD]],
    ["old", [OLD]],
  ] as const) {
    const r = await runCli(["build", ...args, "-o", out(name)]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

describe("compare at the document-model level", () => {
  it("diffs words, keeping spaces and folding a kept space between two changes", () => {
    const d = changedStretches("trên 95% dân số", "trên 98% dân số");
    expect(d.map((c) => c.kind)).toEqual(["equal", "change", "equal"]);
    expect("trên 95% dân số".slice(d[1]!.a0, d[1]!.a1)).toBe("95%");
    expect("trên 98% dân số".slice(d[1]!.b0, d[1]!.b1)).toBe("98%");
    const e = changedStretches("a B C d", "a X Y d");
    expect(e.map((c) => c.kind)).toEqual(["equal", "change", "equal"]);
  });

  it("takes author and date from the plan's revision, else its issuer and issue date (never the clock)", async () => {
    const { plan: old } = await loadPlan(OLD);
    expect(revisionOf(old)).toEqual({ author: "Ủy ban nhân dân tỉnh Bắc Kạn", date: "2024-01-01" });
    const { plan: edited } = await loadPlan(NEW);
    expect(revisionOf(edited)).toEqual({ author: AUTHOR, date: DATE });
    expect(() => parsePlan("x.yaml", editedPlan().replace(DATE, "2024-13-40"))).toThrow(/ngày không hợp lệ|revision/);
  });

  it("marks exactly what changed, with ids 1, 2, 3 … in document order", async () => {
    const { plan: old } = await loadPlan(OLD);
    const { plan: edited } = await loadPlan(NEW);
    const doc = comparePlans(old, edited);
    expect(hasRevisions(doc)).toBe(true);
    const ids: number[] = [];
    const walk = (blocks: (typeof doc.sections)[number]["blocks"]) => {
      for (const b of blocks) {
        if (b.type === "paragraph") for (const r of b.runs) if (r.revision && ids[ids.length - 1] !== r.revision.id) ids.push(r.revision.id);
        if (b.type === "table") for (const row of b.rows) for (const c of row.cells) walk(c.blocks);
      }
    };
    for (const s of doc.sections) walk(s.blocks);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    // a document compared with itself is itself
    const plain = planToDocument(edited);
    expect(compareDocuments(plain, plain, revisionOf(edited))).toBe(plain);
    expect(printView(plain)).toBe(plain);
  });
});

describe("DOCX with tracked changes", () => {
  it("has w:del / w:ins with the author and date from the data: 95% deleted, 98% inserted", () => {
    const xml = docxXml(read("cmp", "docx"));
    const attrs = `w:author="${AUTHOR}" w:date="${DATE}T00:00:00Z"`;
    expect(xml).toMatch(new RegExp(`<w:del w:id="\\d+" ${attrs}><w:r><w:delText xml:space="preserve">95%</w:delText></w:r></w:del><w:ins w:id="\\d+" ${attrs}><w:r><w:t xml:space="preserve">98%</w:t></w:r></w:ins>`));
    expect(xml).not.toMatch(/w:author="(?!Sở Y tế")/);
  });

  it("marks the dropped task's row deleted (row, paragraphs and text)", () => {
    const xml = docxXml(read("cmp", "docx"));
    const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    const dropped = rows.filter((r) => r.includes(DROPPED));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/^<w:tr><w:trPr>(<w:cantSplit\/>)?<w:del w:id="\d+" w:author="Sở Y tế" w:date="2024-03-15T00:00:00Z"\/><\/w:trPr>/);
    expect(dropped[0]).toContain(`<w:delText xml:space="preserve">${DROPPED}</w:delText>`);
    expect(dropped[0]).not.toContain("<w:t ");
    expect(rows.filter((r) => /<w:trPr>(<w:cantSplit\/>)?<w:(del|ins) /.test(r))).toHaveLength(1);
  });

  it("marks nothing else: the target, the deadline, the dropped row and the renumbered rows after it", () => {
    const xml = docxXml(read("cmp", "docx"));
    const { del, ins, ids } = changes(xml);
    const renumbered = Array.from({ length: 10 }, (_, i) => i + 10);
    expect(del).toEqual(["95%", "01/7/2025", "9", DROPPED, "Sở Y tế", "Các cơ quan, đơn vị liên quan", "Quý IV năm 2025", ...renumbered.map(String)]);
    expect(ins).toEqual(["98%", "01/10/2025", ...renumbered.map((n) => String(n - 1))]);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    // with the deletions left out, it reads exactly as the plain build of the new plan
    const nonEmpty = (ps: string[]) => ps.filter(Boolean);
    expect(nonEmpty(docxParagraphs(read("cmp", "docx")))).toEqual(nonEmpty(docxParagraphs(read("plain", "docx"))));
  });

  it("marks a paragraph inserted or deleted as a whole on its paragraph mark too", () => {
    const xml = docxXml(read("para", "docx"));
    const paras = xml.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
    const gone = paras.filter((p) => p.includes("Tạo chuyển biến mạnh mẽ"));
    expect(gone).toHaveLength(1);
    expect(gone[0]).toMatch(/^<w:p><w:pPr><w:pStyle w:val="KH-body"\/><w:rPr><w:del w:id="\d+" [^>]*\/><\/w:rPr><\/w:pPr><w:del /);
    const added = paras.filter((p) => p.includes("Bảo đảm tiến độ và chất lượng."));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^<w:p><w:pPr><w:pStyle w:val="KH-body"\/><w:rPr><w:ins w:id="\d+" [^>]*\/><\/w:rPr><\/w:pPr><w:ins /);
    // every w:id is unique (runs, paragraph marks and rows share one id space)
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("turns on change tracking in settings.xml (and only then)", () => {
    expect(docxXml(read("cmp", "docx"), "word/settings.xml")).toContain("<w:trackRevisions/>");
    expect(docxXml(read("plain", "docx"), "word/settings.xml")).not.toContain("trackRevisions");
  });
});

describe("PDF with change bars", () => {
  it("prints the new text only: 98%, not the deleted 95% nor the dropped task; otherwise as the plain build", () => {
    const f = join(dir, "cmp.pdf");
    writeFileSync(f, read("cmp", "pdf"));
    const plain = join(dir, "plain.pdf");
    writeFileSync(plain, read("plain", "pdf"));
    if (!has("pdftotext")) return;
    const text = flat(pdfText(f));
    expect(text).toContain("đạt trên 98% dân số");
    expect(text).not.toContain("đạt trên 95%");
    expect(text).not.toContain("gói dịch vụ y tế cơ bản để giao");
    expect(text).toContain("01/10/2025");
    expect(text).not.toContain("01/7/2025");
    expect(text).toBe(flat(pdfText(plain)));
  });

  it("draws one bar per changed line, 4 mm left of the text column: 12 for this edit", async () => {
    const { plan: old } = await loadPlan(OLD);
    const { plan: edited } = await loadPlan(NEW);
    const view = printView(comparePlans(old, edited));
    const pages = new PageFlow(new Ctx(view, new Shaper(await loadFonts()))).run(view.sections);
    const bars = pages.flatMap((p) => p.changeBars());
    // the target's line, the deadline's line, and the number cell of each of the 10 rows after the
    // dropped one (the first also stands where the dropped row was)
    expect(bars).toHaveLength(12);
    const left = view.sections[0]!.margins.left;
    expect(CHANGE_BAR_GAP).toBeCloseTo(mm(4), 6);
    for (const b of bars) {
      expect(b.x).toBeCloseTo(left - mm(4), 6);
      expect(b.bottom - b.top).toBeGreaterThan(10); // a line's height
    }
    // …and the file draws the same: width-1 rectangles at that x, none in the plain build
    const drawn = pdfBars(read("cmp", "pdf"));
    expect(drawn).toHaveLength(12);
    for (const b of drawn) expect(b.x).toBeCloseTo(left - mm(4) - 0.5, 2);
    expect(pdfBars(read("plain", "pdf"))).toHaveLength(0);
  });
});

describe("same input, same bytes", () => {
  it("comparing a plan with itself marks nothing: byte-identical to a plain build", () => {
    expect(docxXml(read("same", "docx"))).not.toMatch(/<w:(ins|del) /);
    expect(Buffer.from(read("same", "docx")).equals(Buffer.from(read("old", "docx")))).toBe(true);
    expect(Buffer.from(read("same", "pdf")).equals(Buffer.from(read("old", "pdf")))).toBe(true);
  });

  it("building the comparison twice gives identical bytes", () => {
    expect(Buffer.from(read("cmp", "docx")).equals(Buffer.from(read("cmp2", "docx")))).toBe(true);
    expect(Buffer.from(read("cmp", "pdf")).equals(Buffer.from(read("cmp2", "pdf")))).toBe(true);
  });
});

describe("--compare on the command line", () => {
  it("a bad old plan gives its error, exit 1, and writes nothing", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, readFileSync(OLD, "utf8").replace("symbol: KH-UBND\n", "symbol: KH-UBND\nsymbl: x\n"));
    const o = out("bad-out");
    const r = await runCli(["build", NEW, "--compare", bad, "-o", o]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: .*lỗi \[E_SCHEMA\]/);
    expect(listDir(o)).toEqual([]);
    const missing = await runCli(["build", NEW, "--compare", join(dir, "nope.yaml"), "-o", o]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("E_FILE_NOT_FOUND");
    expect(listDir(o)).toEqual([]);
  });

  it("needs exactly one plan to compare (usage error otherwise)", async () => {
    const r = await runCli(["build", NEW, OLD, "--compare", OLD, "-o", out("two")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("E_USAGE");
    expect(listDir(out("two"))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// LibreOffice: opens the tracked changes, shows them, and "accept all" /
// "reject all" give back the new plan / the old plan.

const ready = has("soffice") && has("pdftotext") && has("pdfinfo");

/** A LibreOffice profile with a Basic macro that resolves every change in each DOCX and saves its text. */
function resolveWithLibreOffice(jobs: { docx: string; accepted: string; rejected: string }[]): void {
  const profile = tempDir("lo-profile-");
  spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--terminate_after_init"], { timeout: 120_000 });
  const std = join(profile, "user", "basic", "Standard");
  mkdirSync(std, { recursive: true });
  const q = (s: string) => `&quot;${s}&quot;`;
  writeFileSync(
    join(std, "script.xlb"),
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">\n<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false"><library:element library:name="Module1"/></library:library>\n',
  );
  writeFileSync(
    join(std, "Module1.xba"),
    `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Resolve(inUrl As String, outUrl As String, cmd As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = ${q("Hidden")}
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, ${q("_blank")}, 0, args())
  disp = createUnoService(${q("com.sun.star.frame.DispatchHelper")})
  Dim none() As New com.sun.star.beans.PropertyValue
  disp.executeDispatch(doc.getCurrentController().getFrame(), cmd, ${q("")}, 0, none())
  Dim opts(0) As New com.sun.star.beans.PropertyValue
  opts(0).Name = ${q("FilterName")}
  opts(0).Value = ${q("Text (encoded)")}
  doc.storeToURL(outUrl, opts())
  doc.close(True)
End Sub
Sub Run
${jobs
  .map(
    ({ docx, accepted, rejected }) =>
      `  Resolve(${q(`file://${docx}`)}, ${q(`file://${accepted}`)}, ${q(".uno:AcceptAllTrackedChanges")})\n` +
      `  Resolve(${q(`file://${docx}`)}, ${q(`file://${rejected}`)}, ${q(".uno:RejectAllTrackedChanges")})`,
  )
  .join("\n")}
End Sub
</script:module>
`,
  );
  spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "vnd.sun.star.script:Standard.Module1.Run?language=Basic&location=application"], { timeout: 180_000 });
}

function sofficeToText(files: string[], outDir: string): void {
  const profile = tempDir("lo-profile-");
  spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", outDir, ...files], { timeout: 180_000 });
}

describe.skipIf(!ready)("tracked-changes DOCX in LibreOffice", () => {
  const lo = out("lo");
  let pdf = "";
  let log = "";
  beforeAll(() => {
    mkdirSync(lo, { recursive: true });
    const docx = join(lo, "compare.docx");
    writeFileSync(docx, read("cmp", "docx"));
    ({ pdf, log } = sofficeToPdf(docx, lo));
    writeFileSync(join(lo, "new.docx"), read("plain", "docx"));
    writeFileSync(join(lo, "new2.docx"), read("para-plain", "docx"));
    writeFileSync(join(lo, "old.docx"), read("old", "docx"));
    writeFileSync(join(lo, "compare2.docx"), read("para", "docx"));
    sofficeToText([join(lo, "new.docx"), join(lo, "new2.docx"), join(lo, "old.docx")], lo);
    resolveWithLibreOffice([
      { docx, accepted: join(lo, "accepted.txt"), rejected: join(lo, "rejected.txt") },
      { docx: join(lo, "compare2.docx"), accepted: join(lo, "accepted2.txt"), rejected: join(lo, "rejected2.txt") },
    ]);
  }, 600_000);

  it("converts without complaint and shows the changes (deleted and inserted text both there)", () => {
    const complaints = log.split("\n").filter((l) => /error|fail|warn/i.test(l) && !/javaldx/.test(l));
    expect(complaints).toEqual([]);
    expect(pdfPages(pdf).length).toBeGreaterThan(0);
    const text = flat(pdfText(pdf));
    expect(text).toContain("98%");
    expect(text).toMatch(/95% ?98%/); // changes shown: the deletion struck through, then the insertion
    expect(text).toContain("gói dịch vụ y tế cơ bản để giao");
  });

  it("accept all gives the new plan, reject all the old one", () => {
    const txt = (f: string) => readFileSync(join(lo, f), "utf8").replace(/\r/g, "");
    expect(txt("accepted.txt")).toBe(txt("new.txt"));
    expect(txt("rejected.txt")).toBe(txt("old.txt"));
    expect(txt("accepted.txt")).toContain("đạt trên 98% dân số");
    expect(txt("rejected.txt")).toContain("đạt trên 95% dân số");
    // whole paragraphs: accepting drops the deleted one and keeps the new one, rejecting the reverse
    expect(txt("accepted2.txt")).toBe(txt("new2.txt"));
    expect(txt("rejected2.txt")).toBe(txt("old.txt"));
    expect(txt("accepted2.txt")).not.toContain("Tạo chuyển biến mạnh mẽ");
    expect(txt("rejected2.txt")).not.toContain("Bảo đảm tiến độ và chất lượng.");
  });
});
