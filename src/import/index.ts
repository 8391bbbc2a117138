// `kehoach import`: a plan a clerk already has (DOCX, PDF with text, plain
// text or Markdown) → plan data. Reader (file → neutral paragraphs) →
// recogniser (pure) → plan writer; the YAML it returns passes `kehoach check`.
import { extname } from "node:path";
import { stringify } from "yaml";
import { UserError } from "../errors.ts";
import { MAX_IMPORT_BYTES } from "../load/input-file.ts";
import type { Library } from "../load/library.ts";
import type { Level } from "../model/levels.ts";
import { readDocx } from "./read-docx.ts";
import { readPdf } from "./read-pdf.ts";
import { readText } from "./read-text.ts";
import { recognise } from "./recognise.ts";
import { NOTE_MARK, whereText, type ImportSource } from "./source.ts";
import { toPlan, type ImportContext, type ImportSummary } from "./to-plan.ts";

/** Larger inputs are refused before reading: a plan is a few hundred KB, a scanned one a few MB. */

export type ImportFormat = "docx" | "pdf" | "text" | "markdown";

function formatOf(file: string, bytes: Uint8Array): ImportFormat {
  const ext = extname(file).toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const pdf = bytes.length > 4 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
  if (ext === ".docx" || ext === ".docm" || ext === ".dotx") {
    if (!zip) throw new UserError("E_IMPORT_CORRUPT", "Tệp .docx không phải tệp zip của Word: tệp hỏng hoặc đổi đuôi (corrupt DOCX)", { location: { file }, expected: "tệp DOCX (zip)", found: pdf ? "một tệp PDF" : "dữ liệu không phải zip" });
    return "docx";
  }
  if (ext === ".pdf") {
    if (!pdf) throw new UserError("E_IMPORT_CORRUPT", "Tệp .pdf không bắt đầu bằng %PDF-: tệp hỏng hoặc đổi đuôi (corrupt PDF)", { location: { file } });
    return "pdf";
  }
  if (ext === ".txt" || ext === ".text" || ext === "") return "text";
  if (ext === ".md" || ext === ".markdown") return "markdown";
  if (ext === ".doc") throw new UserError("E_IMPORT_FORMAT", "Tệp .doc (Word 97–2003) chưa đọc được: hãy lưu thành .docx rồi nhập lại (unsupported format)", { location: { file }, expected: ".docx, .pdf, .txt hoặc .md", found: ext });
  throw new UserError("E_IMPORT_FORMAT", "Không nhập được loại tệp này (unsupported format)", { location: { file }, expected: ".docx, .pdf, .txt hoặc .md", found: ext });
}

export async function readSource(file: string, bytes: Uint8Array): Promise<ImportSource> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new UserError("E_FILE_TOO_LARGE", "Tệp quá lớn để là một kế hoạch (file too large)", { location: { file }, expected: `≤ ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, found: `${(bytes.length / 1024 / 1024).toFixed(1)} MB` });
  }
  const format = formatOf(file, bytes);
  let src: ImportSource;
  if (format === "docx") src = readDocx(file, bytes);
  else if (format === "pdf") src = await readPdf(file, bytes);
  else {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new UserError("E_IMPORT_FORMAT", "Tệp văn bản không phải UTF-8 (not UTF-8 text): hãy lưu lại với bảng mã UTF-8", { location: { file } });
    }
    if (text.includes("\u0000")) throw new UserError("E_IMPORT_FORMAT", "Tệp không phải văn bản thuần (binary data)", { location: { file }, expected: "văn bản UTF-8" });
    src = readText(file, text, format === "markdown");
  }
  const chars = src.blocks.reduce((n, b) => n + (b.kind === "p" ? b.text.length : b.rows.flat().reduce((m, c) => m + c.paras.reduce((k, p) => k + p.text.length, 0), 0)), 0);
  if (chars < 40) {
    throw new UserError(format === "pdf" ? "E_IMPORT_NO_TEXT" : "E_IMPORT_NOT_PLAN", format === "pdf" ? "PDF không có lớp chữ (bản quét?): hãy nhận dạng chữ (OCR) trước, hoặc nhập bản DOCX (no text layer)" : "Văn bản trống hoặc gần như trống (empty document)", { location: { file }, found: `${chars} ký tự chữ` });
  }
  return src;
}

export function importContext(lib: Library): ImportContext {
  return {
    library: [...lib.directives.values()].map((d) => ({ id: d.id, citation: d.citation })),
    levels: new Map([...lib.levels].map(([level, reg]) => [level as Level, reg.agencies])),
  };
}

export interface ImportResult {
  yaml: string;
  summary: ImportSummary;
  source: ImportSource;
}

export async function importPlan(file: string, bytes: Uint8Array, lib: Library): Promise<ImportResult> {
  const source = await readSource(file, bytes);
  const recognised = recognise(source);
  const { plan, summary } = toPlan(recognised, importContext(lib));
  const header = [
    "# yaml-language-server: $schema=./kehoach.schema.json",
    `# Nhập từ ${file.split(/[\\/]/).pop()} bằng: kehoach import (xem lại các chỗ [[…]] và các dòng chưa chắc chắn)`,
    "",
  ].join("\n");
  // a footnote mark left where no [^id] can stand (an agency cell, the signature) goes, its note stays in footnotes
  const yaml = stringify(plan, { lineWidth: 100, aliasDuplicateObjects: false }).replace(NOTE_MARK, "");
  return { yaml: header + yaml, summary, source };
}

/** The summary the command prints: what was recognised, counts, what stayed text, lines to check. */
export function summaryLines(r: ImportResult): string[] {
  const s = r.summary;
  const c = s.counts;
  const out = [
    `Đã nhận dạng (recognised): ${s.recognised.join("; ")}`,
    `  nhiệm vụ (tasks): ${c.tasks}, mục tiêu (targets): ${c.targets}, văn bản được dẫn (documents): ${c.documents} (${c.libraryDocuments} trong thư viện), cơ quan (agencies): ${c.agencies}`,
  ];
  if (c.localAgencies.length) out.push(`  cơ quan chưa có trong sổ cơ quan của cấp, thêm vào agencies (local agencies): ${c.localAgencies.join("; ")}`);
  out.push(`Giữ thành đoạn văn (left as text): ${s.leftAsText} đoạn trong dàn ý`);
  const notes = s.notes.filter((n) => n.at.line > 0).sort((a, b) => (a.at.page ?? 0) - (b.at.page ?? 0) || a.at.line - b.at.line);
  const general = s.notes.filter((n) => n.at.line === 0);
  if (notes.length || general.length) {
    out.push(`Cần xem lại (unsure): ${notes.length + general.length}`);
    for (const n of notes) out.push(`  ${r.source.file}: ${whereText(r.source.format, n.at)}: ${n.text}`);
    for (const n of general) out.push(`  ${n.text}`);
  }
  return out;
}
