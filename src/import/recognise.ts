// The recogniser: neutral paragraphs → the parts of an administrative plan.
// Pure (no files), so it is tested on text. It finds the letterhead, number,
// place and date, kind and title, the legal basis, the numbered outline with
// its lists, the closing sentence, Nơi nhận and the signature, and the
// appendix table; whatever it cannot place stays as text where it stood, and
// every guess it is unsure of is noted with its place in the input.
import { UserError } from "../errors.ts";
import { marker, markerValue, type Marker, type MarkerKind } from "./markers.ts";
import { APPENDIX, isAppendixTable, isIndicatorTable, readAppendices, type Line, type RAppendix } from "./appendix.ts";
import { pdfIndicatorTable } from "./pdf-table.ts";
import { splitDecision, type RDecision } from "./decision.ts";
import { isUpper, KIND_LINE, type ImportSource, type Para, type Table, type Where } from "./source.ts";

export type { RAppendix, RSubRow, RTaskRow } from "./appendix.ts";

export interface Note {
  at: Where;
  text: string;
}

/** A list item: "a) …", "- …", "+ …" or a plain paragraph, with the bullets under it. */
export interface RItem {
  text: string;
  at: Where;
  bullets: RItem[];
}

export type ContentKind = "paragraphs" | "letters" | "dashes";

export interface RNode {
  title?: string | undefined;
  at: Where;
  /** a numbered paragraph (not a bold heading) */
  plain: boolean;
  numbered: boolean;
  marker?: Marker | undefined;
  content: { kind: ContentKind; items: RItem[] }[];
  children: RNode[];
  /** a table of indicators under this heading */
  indicators?: Table | undefined;
}

export interface Recognised {
  family: "state" | "party";
  nation?: string | undefined;
  motto?: string | undefined;
  issuerParent: string[];
  issuerName: string[];
  number?: number | undefined;
  symbol?: string | undefined;
  place?: string | undefined;
  date?: { day?: number | undefined; month?: number | undefined; year: number } | undefined;
  kind: "ke-hoach" | "chuong-trinh";
  title: string[];
  legalBasis: string[];
  outline: RNode[];
  /** separators seen per numbering level (for a style override) */
  separators: Partial<Record<MarkerKind, string>>;
  closing?: string | undefined;
  recipients: { label: boolean; before: string[]; items: string[]; archive?: string | undefined; punctuation?: ";" | "," | undefined };
  signer: { authority?: string | undefined; delegate?: string | undefined; title?: string | undefined; name?: string | undefined };
  appendices: RAppendix[];
  decision?: RDecision | undefined;
  /** footnotes by the key their marks carry in the texts */
  footnotes: { key: string; text: string; at: Where }[];
  /** lines kept as text outside the outline (after the signature…) */
  leftovers: Para[];
  notes: Note[];
}

const NATION = /^CỘNG H(?:OÀ|ÒA|OA) XÃ HỘI CHỦ NGHĨA VIỆT NAM$/u;
const PARTY = /^ĐẢNG CỘNG SẢN VIỆT NAM$/u;
const MOTTO = /^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc$/u;
const NUMBER_LINE = /^Số:?\s*(\d+)?\s*[-/]?\s*(\p{Lu}[\p{Lu}\d]*(?:[-/][\p{Lu}\p{Ll}\d.]+)+)\s*(.*)$/u;
const PLACE_DATE = /^(.+?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})\s*\.?$/u;
const RULE = /^[-_=–—.*]{3,}$|^\*$/u;
const RECIPIENTS = /^Nơi nhận\s*:?\s*(.*)$/u;
const AUTHORITY = /^(TM\.|T\/M|TM |T\.M\.)/u;
const DELEGATE = /^(KT\.|K\/T|Q\.|TL\.|TUQ\.|T\/L)/u;
const CLOSING = /^Trên đây là|\.\/\.\s*$/u;

const endsSentence = (s: string) => /[.:;!?…]["”)]?$|\.\/\.$/u.test(s);
const startsUpper = (s: string) => /^["“(]?[\p{Lu}\d]/u.test(s);

/** Blocks → one list of lines; tables are read cell by cell, except task tables, kept whole. */
function linearise(src: ImportSource): Line[] {
  const out: Line[] = [];
  const marked = src.format === "docx" && src.blocks.filter((b) => b.kind === "p" && MD_BOLD.test(b.text)).length >= 3;
  for (const b of src.blocks) {
    if (b.kind === "p") out.push(...(marked ? unmark(b) : [b]));
    else if (isAppendixTable(b)) out.push({ kind: "p", text: "", at: b.at, table: b, whole: true });
    // the (first) table of indicators stays whole: it becomes `indicators:` data
    else if (isIndicatorTable(b) && !out.some((l) => l.indicators)) out.push({ kind: "p", text: "", at: b.at, table: b, whole: true, indicators: true });
    else for (const row of b.rows) for (const cell of row) if (!cell.continued) out.push(...cell.paras.map((p) => ({ ...p, whole: p.whole ?? true })));
  }
  return out;
}

const MD_BOLD = /^(?:#{1,6}\s+)?\*\*.+\*\*$/u;

/** A Markdown export opened in Word (LibreOffice's DOCX of a .md/.txt): "**…**" and "## " are marks, not text. */
function unmark(p: Para): Para[] {
  return p.text
    .replace(/\*\*\*\*/g, "**\n**")
    .split("\n")
    .map((piece) => {
      const bold = MD_BOLD.test(piece);
      const text = piece.replace(/^#{1,6}\s+/u, "").replace(/\*\*(.+?)\*\*/gu, "$1").trim();
      return { ...p, text, bold: bold || p.bold };
    })
    .filter((x) => x.text !== "");
}

export function recognise(src: ImportSource): Recognised {
  const notes: Note[] = [];
  const unsure = (at: Where, text: string) => notes.push({ at, text });
  let lines = mergeHeaderPieces(linearise(src));
  if (src.format === "pdf") lines = pdfIndicatorTable(lines);
  // a decision that issues the plan: its letterhead and signature are the file's
  const split = splitDecision(lines, (l) => APPENDIX.test(l.text) || l.table !== undefined);
  if (split) lines = split.lines;
  const r: Recognised = {
    family: "state",
    issuerParent: [],
    issuerName: [],
    kind: "ke-hoach",
    title: [],
    legalBasis: [],
    outline: [],
    separators: {},
    recipients: { label: false, before: [], items: [] },
    signer: {},
    leftovers: [],
    appendices: [],
    footnotes: [],
    decision: split?.decision,
    notes,
  };

  // --- letterhead, up to the kind line (KẾ HOẠCH) ---
  let kindAt = lines.findIndex((l, i) => i < 60 && KIND_LINE.test(l.text));
  const romanParts = lines.filter((l) => marker(l.text)?.kind === "roman").length;
  if (kindAt < 0 && romanParts >= 2) {
    // no letterhead and no kind line (an excerpt): the title is what stands above a rule, if any
    const rule = lines.findIndex((l, i) => i < 12 && RULE.test(l.text));
    kindAt = rule >= 0 ? -1 : -1;
    unsure(lines[0]!.at, "không có tiêu đề văn bản (cơ quan, số, ngày, tên loại): điền các chỗ [[…]]");
  }
  if (kindAt < 0 && romanParts < 2) {
    throw new UserError("E_IMPORT_NOT_PLAN", "Không nhận ra kế hoạch: không thấy dòng tên loại \"KẾ HOẠCH\" hay \"CHƯƠNG TRÌNH\" ở đầu văn bản (not a plan)", {
      location: { file: src.file },
      expected: "một kế hoạch hoặc chương trình hành động: tiêu đề cơ quan, số, ngày, KẾ HOẠCH, trích yếu, các phần I, II…",
      found: lines.length ? `"${lines[0]!.text.slice(0, 60)}"…` : "văn bản trống",
    });
  }
  r.kind = kindAt >= 0 && /CHƯƠNG TRÌNH/u.test(lines[kindAt]!.text) ? "chuong-trinh" : "ke-hoach";
  const headerIssuer: Line[] = [];
  for (const l of lines.slice(0, Math.max(kindAt, 0))) {
    const s = l.text;
    if (PARTY.test(s)) r.family = "party";
    else if (NATION.test(s)) r.nation = s;
    else if (MOTTO.test(s)) r.motto = s;
    else if (RULE.test(s)) continue;
    else if (/^DỰ THẢO/u.test(s)) continue;
    else if (/^Số[:\s\d]/u.test(s)) {
      const m = NUMBER_LINE.exec(s);
      if (!m) {
        unsure(l.at, `không đọc được số, ký hiệu: "${s}"`);
        continue;
      }
      if (m[1]) r.number = Number(m[1]);
      r.symbol = m[2];
      const rest = m[3]!.trim();
      if (rest) readPlaceDate(rest, l);
    } else if (PLACE_DATE.test(s)) readPlaceDate(s, l);
    else if (isUpper(s)) headerIssuer.push(l);
    else {
      unsure(l.at, `dòng ở tiêu đề văn bản không nhận ra, giữ lại thành đoạn văn: "${s}"`);
      r.leftovers.push(l);
    }
  }
  function readPlaceDate(s: string, l: Line) {
    const m = PLACE_DATE.exec(s);
    if (!m) return unsure(l.at, `không đọc được địa danh, ngày tháng: "${s}"`);
    r.place = m[1]!.trim();
    r.date = { day: m[2] ? Number(m[2]) : undefined, month: m[3] ? Number(m[3]) : undefined, year: Number(m[4]) };
  }
  // issuer: the parent body is the line(s) not in bold (DOCX), or the first of
  // two lines when it names a body the second belongs to ("UBND TỈNH …" / "SỞ Y TẾ")
  const boldKnown = headerIssuer.some((l) => l.bold !== undefined && src.format === "docx");
  if (boldKnown && headerIssuer.some((l) => l.bold) && headerIssuer.some((l) => !l.bold)) {
    const firstBold = headerIssuer.findIndex((l) => l.bold);
    r.issuerParent = headerIssuer.slice(0, firstBold).map((l) => l.text);
    r.issuerName = headerIssuer.slice(firstBold).map((l) => l.text);
  } else if (headerIssuer.length >= 2 && /^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|ĐẢNG BỘ|TỈNH ỦY|TỈNH UỶ|BỘ|BAN CHẤP HÀNH)\s+\S/u.test(headerIssuer[0]!.text) && /^(SỞ|BAN|PHÒNG|ĐẢNG ỦY|ĐẢNG UỶ|CHI BỘ|VĂN PHÒNG|TRUNG TÂM|CỤC|VỤ|ỦY BAN|UỶ BAN|THƯỜNG TRỰC)/u.test(headerIssuer[1]!.text) && !/^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)$/u.test(headerIssuer[0]!.text)) {
    r.issuerParent = [headerIssuer[0]!.text];
    r.issuerName = headerIssuer.slice(1).map((l) => l.text);
  } else {
    // "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HỒ CHÍ MINH" / "SỞ Y TẾ": the parent body over two lines
    const body = headerIssuer.findIndex((l, j) => j >= 2 && /^(SỞ|BAN|PHÒNG|ĐẢNG ỦY|ĐẢNG UỶ|CHI BỘ|VĂN PHÒNG|TRUNG TÂM|CỤC|VỤ|BỆNH VIỆN)(?=\s|$)/u.test(l.text));
    if (body >= 2 && /^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|ĐẢNG BỘ|TỈNH ỦY|TỈNH UỶ|BỘ)(?=\s|$)/u.test(headerIssuer[0]!.text)) {
      r.issuerParent = headerIssuer.slice(0, body).map((l) => l.text);
      r.issuerName = headerIssuer.slice(body).map((l) => l.text);
    } else r.issuerName = headerIssuer.map((l) => l.text);
  }
  const kindLine = lines[Math.max(kindAt, 0)]!;
  if (r.issuerName.length === 0 && kindAt >= 0) unsure(lines[0]!.at, "không thấy tên cơ quan ban hành ở tiêu đề");
  if (!r.date && kindAt >= 0) unsure(kindLine.at, "không thấy dòng địa danh, ngày tháng");

  // --- title (trích yếu): centred/bold lines after the kind line, or short lines up to the legal basis ---
  let i = kindAt + 1;
  const layoutKnown = lines.slice(Math.max(kindAt, 0), kindAt + 8).some((l) => l.center !== undefined || l.bold !== undefined);
  const ruleAt = lines.findIndex((l, j) => j > kindAt && j < kindAt + 12 && RULE.test(l.text));
  const noKindNoRule = kindAt < 0 && ruleAt < 0;
  if (noKindNoRule) i = lines.length; // no title to read: the body starts at once
  while (i < lines.length) {
    const l = lines[i]!;
    if (RULE.test(l.text)) {
      i++;
      if (r.title.length) break;
      continue;
    }
    if (l.table || marker(l.text)?.kind === "roman") break;
    // "(Ban hành kèm theo Quyết định số …)": printed from the decision's number and date
    if (split && /^\(Ban hành kèm theo/u.test(l.text)) {
      while (i < lines.length && !lines[i]!.text.endsWith(")")) i++;
      i++;
      continue;
    }
    if (layoutKnown) {
      // a long first title line may start where paragraphs are indented (PDF): the centred lines under it tell
      const leadsCentred = src.format === "pdf" && r.title.length === 0 && lines[i + 1]?.center === true && !marker(l.text);
      if (!(l.center || (src.format === "docx" && l.bold) || leadsCentred)) break;
    } else if (r.title.length && (l.text.length > 78 || /^(Căn cứ|Thực hiện|Triển khai|Để |Nhằm|Theo|Ban Thường vụ|Thường trực)/u.test(l.text))) break;
    r.title.push(l.text);
    i++;
  }
  if (noKindNoRule) i = 0;
  else if (kindAt < 0 && ruleAt >= 0 && i < ruleAt) {
    // an excerpt starting with its title: everything above the rule
    r.title = lines.slice(0, ruleAt).map((l) => l.text);
    i = ruleAt + 1;
  }
  if (r.title.length === 0) unsure(kindLine.at, "không thấy trích yếu sau tên loại văn bản");

  // --- where the body ends: Nơi nhận, the signer's authority, or the appendix ---
  let end = lines.length;
  for (let j = i; j < lines.length; j++) {
    const s = lines[j]!.text;
    if (RECIPIENTS.test(s) || AUTHORITY.test(s) || (DELEGATE.test(s) && isUpper(s)) || APPENDIX.test(s) || (lines[j]!.table && !lines[j]!.indicators)) {
      end = j;
      break;
    }
  }
  const body = reflow(lines.slice(i, end), src.format);
  // closing: the last paragraph, when it reads like one
  const last = body[body.length - 1];
  if (last && CLOSING.test(last.text) && !marker(last.text)) {
    r.closing = last.text;
    body.pop();
  }
  buildOutline(body, r, unsure);

  // --- signature block and Nơi nhận, then the appendix ---
  let k = end;
  const tail: Line[] = [];
  while (k < lines.length && !APPENDIX.test(lines[k]!.text) && !(lines[k]!.table && !lines[k]!.indicators)) tail.push(lines[k++]!);
  readSignature(tail, r, unsure);
  if (k < lines.length) r.appendices = readAppendices(lines.slice(k), unsure, r.leftovers);
  r.footnotes = src.footnotes.filter((f) => f.note !== undefined).map((f) => ({ key: f.note!, text: f.text, at: f.at }));
  for (const f of src.footnotes) if (f.note === undefined) unsure(f.at, `chú thích (footnote) không rõ chỗ dẫn, giữ thành đoạn văn: "${f.text.slice(0, 60)}"`);
  return r;
}

/** Letterhead pieces a PDF splits at wide blanks: "Số:" | "/KH-UBND", "Bắc Kạn, ngày" | "tháng" | "năm 2024". */
function mergeHeaderPieces(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const [i, l] of lines.entries()) {
    const prev = out[out.length - 1];
    if (i < 40 && prev && !prev.whole && (/^Số:?$/u.test(prev.text) || /(ngày|tháng)$/u.test(prev.text)) && !KIND_LINE.test(l.text)) {
      prev.text = `${prev.text} ${l.text}`;
      continue;
    }
    out.push({ ...l });
  }
  return out;
}

/** Wrapped lines → paragraphs. Real paragraphs (DOCX) stay as they are. */
export function reflow(lines: Line[], format: ImportSource["format"]): Line[] {
  const out: Line[] = [];
  const usesIndent = format === "pdf" && lines.some((l) => l.indent);
  for (const l of lines) {
    if (l.table) {
      if (l.indicators) out.push(l);
      continue;
    }
    const prev = out[out.length - 1];
    if (!prev || l.whole || prev.whole) {
      out.push({ ...l });
      continue;
    }
    const m = marker(l.text);
    const prevEnds = endsSentence(prev.text);
    let fresh: boolean;
    if (usesIndent) fresh = !!l.indent || !!l.center || (prevEnds && m !== undefined && m.kind !== "dash");
    else if (m && (m.kind === "dash" || m.kind === "plus") && !prevEnds && /^\p{Ll}/u.test(m.rest)) fresh = false;
    else if (m && (m.kind !== "arabic" || prevEnds || isUpper(prev.text) || prev.text.length < 60)) fresh = true;
    else if (isUpper(prev.text) !== isUpper(l.text) && isUpper(prev.text) && prev.text.length < 100) fresh = true;
    else if (startsUpper(l.text) && prev.text.length < 60 && marker(prev.text) !== undefined && !/[,;]$/u.test(prev.text)) fresh = true;
    else fresh = prevEnds && startsUpper(l.text);
    if (fresh) out.push({ ...l });
    else prev.text = joinWrapped(prev.text, l.text);
  }
  return out;
}

/** Joins a wrapped line: "25-" + "CT/TW" stays one word, other lines get a space. */
function joinWrapped(a: string, b: string): string {
  if (/[\p{L}\d][-/]$/u.test(a) && /^[\p{Lu}\d]/u.test(b)) return a + b;
  return `${a} ${b}`;
}

/** the stack level of a label: any numbered heading closes it */
const LABEL = 9;

function headingLevel(kind: MarkerKind): number {
  return kind === "roman" ? 1 : kind === "arabic" ? 2 : 3;
}

/** Numbered paragraphs → the outline tree; lists → items with bullets. */
function buildOutline(paras: Line[], r: Recognised, unsure: (at: Where, t: string) => void): void {
  const root: RNode = { at: { line: 0 }, plain: false, numbered: false, content: [], children: [] };
  const stack: { node: RNode; level: number }[] = [{ node: root, level: 0 }];
  let lastLetter: RItem | undefined;
  let lastDash: RItem | undefined;
  let lastPara: RItem | undefined;
  const counters = new Map<number, number>();
  const top = () => stack[stack.length - 1]!.node;
  const addContent = (kind: ContentKind, item: RItem) => {
    const node = top();
    // content after a sub-heading of this node, or out of the paragraphs→letters→dashes order,
    // goes into an unnumbered untitled child so that nothing moves
    const order: ContentKind[] = ["paragraphs", "letters", "dashes"];
    const lastRun = node.content[node.content.length - 1];
    const untitledTail = node.children[node.children.length - 1];
    if (node.children.length === 0 && (!lastRun || lastRun.kind === kind || order.indexOf(kind) > order.indexOf(lastRun.kind)) && !(lastRun && node.content.some((c) => c.kind === kind) && lastRun.kind !== kind)) {
      if (lastRun?.kind === kind) lastRun.items.push(item);
      else node.content.push({ kind, items: [item] });
      return;
    }
    if (untitledTail && untitledTail.title === undefined && !untitledTail.numbered && untitledTail.children.length === 0) {
      const run = untitledTail.content[untitledTail.content.length - 1]!;
      if (run.kind === kind || order.indexOf(kind) > order.indexOf(run.kind)) {
        if (run.kind === kind) run.items.push(item);
        else untitledTail.content.push({ kind, items: [item] });
        return;
      }
    }
    node.children.push({ at: item.at, plain: false, numbered: false, content: [{ kind, items: [item] }], children: [] });
  };
  let seenHeading = false;
  for (const p of paras) {
    if (p.indicators && p.table?.kind === "table") {
      top().indicators ??= p.table;
      lastLetter = lastDash = lastPara = undefined;
      continue;
    }
    const m = marker(p.text);
    if (m && (m.kind === "roman" || m.kind === "arabic" || m.kind === "sub")) {
      const level = headingLevel(m.kind);
      if (m.kind !== "roman" && !seenHeading && r.legalBasis.length === 0) {
        // a numbered list before any part: still the legal basis? no: an outline without "I."
      }
      seenHeading = true;
      r.separators[m.kind] ??= m.sep;
      while (stack.length > 1 && stack[stack.length - 1]!.level >= level) stack.pop();
      while (stack.length > 1 && stack[stack.length - 1]!.level === LABEL) stack.pop();
      const expected = (counters.get(level) ?? 0) + 1;
      const value = markerValue(m);
      if (value !== expected && value !== 1) unsure(p.at, `số thứ tự ${m.label} không liền mạch (cần ${expected}): số được tính lại`);
      counters.set(level, value);
      for (const k of [...counters.keys()]) if (k > level) counters.delete(k);
      if (stack[stack.length - 1]!.level !== level - 1 && !(stack.length === 1 && level > 1 && r.outline.length === 0)) {
        unsure(p.at, `mục "${m.label}${m.sep}" không nằm dưới mục cấp trên: số được tính lại theo cấp`);
      }
      const heading = p.bold ?? (!/[.;]$/u.test(m.rest) && m.rest.length < 160);
      const node: RNode = { title: m.rest, at: p.at, plain: !heading, numbered: true, marker: m, content: [], children: [] };
      top().children.push(node);
      stack.push({ node, level });
      lastLetter = lastDash = lastPara = undefined;
      continue;
    }
    if (!seenHeading) {
      r.legalBasis.push(p.text);
      continue;
    }
    // "Đến năm 2025:" — a bold label over a list: an unnumbered heading
    if (!m && /:$/u.test(p.text) && p.text.length <= 80 && (p.bold === true || (p.bold === undefined && p.text.length <= 40))) {
      while (stack.length > 1 && stack[stack.length - 1]!.level === LABEL) stack.pop();
      const node: RNode = { title: p.text, at: p.at, plain: false, numbered: false, content: [], children: [] };
      top().children.push(node);
      stack.push({ node, level: LABEL });
      lastLetter = lastDash = lastPara = undefined;
      continue;
    }
    const item: RItem = { text: m ? m.rest : p.text, at: p.at, bullets: [] };
    if (m?.kind === "letter") {
      r.separators.letter ??= m.sep;
      addContent("letters", item);
      lastLetter = item;
      lastDash = undefined;
      lastPara = undefined;
    } else if (m?.kind === "dash") {
      const owner = lastLetter ?? lastPara;
      if (owner) owner.bullets.push(item);
      else addContent("dashes", item);
      lastDash = item;
    } else if (m?.kind === "plus") {
      if (lastDash) lastDash.bullets.push(item);
      else {
        unsure(p.at, `ý "+" không có ý "-" bên trên: in thành ý "-"`);
        addContent("dashes", item);
        lastDash = item;
      }
    } else {
      addContent("paragraphs", item);
      lastPara = item;
      lastLetter = undefined;
      lastDash = undefined;
    }
  }
  // text before the first part beyond the legal basis is kept as the first (unnumbered) node
  if (root.content.length) r.outline.push({ ...root, children: [] });
  r.outline.push(...root.children);
}

function readSignature(tail: Line[], r: Recognised, unsure: (at: Where, t: string) => void): void {
  // "(Đã ký)", "(ký, đóng dấu)": the signature itself, not text of the plan
  tail = tail.filter((l) => !/^\((đã ký|ký|ký tên|ký, đóng dấu|ký và đóng dấu)[^)]*\)$/iu.test(l.text));
  let inRecipients = false;
  const items: string[] = [];
  let open = false;
  for (const l of tail) {
    const s = l.text;
    const rec = RECIPIENTS.exec(s);
    if (rec) {
      r.recipients.label = true;
      inRecipients = true;
      if (rec[1]) r.recipients.before.push(rec[1]);
      continue;
    }
    if (AUTHORITY.test(s) && isUpper(s)) {
      r.signer.authority = s;
      continue;
    }
    if (DELEGATE.test(s) && isUpper(s)) {
      r.signer.delegate = s;
      continue;
    }
    if (inRecipients && /^[-–]\s*/u.test(s)) {
      items.push(s.replace(/^[-–]\s*/u, ""));
      open = !/[;,.]$/u.test(s);
      continue;
    }
    if (inRecipients && open && items.length && !isUpper(s)) {
      items[items.length - 1] = `${items[items.length - 1]} ${s}`;
      open = !/[;,.]$/u.test(s);
      continue;
    }
    if (isUpper(s) && (r.signer.authority !== undefined || r.signer.delegate !== undefined) && r.signer.title === undefined) {
      r.signer.title = s;
      continue;
    }
    if (isUpper(s) && !r.signer.authority) {
      r.signer.authority = s;
      continue;
    }
    if (/^(\p{Lu}[\p{Ll}\p{M}]*\.?\s+){1,5}\p{Lu}[\p{Ll}\p{M}]*$/u.test(s) && (r.signer.authority || r.signer.title) && !r.signer.name) {
      r.signer.name = s;
      continue;
    }
    if (inRecipients && items.length === 0 && !/^\(/u.test(s)) {
      r.recipients.before.push(s);
      continue;
    }
    unsure(l.at, `dòng ở khối chữ ký không nhận ra, giữ thành đoạn văn cuối dàn ý: "${s}"`);
    r.leftovers.push(l);
  }
  // "KT. GIÁM ĐỐC" alone above the title: the delegation is the authority the plan signs with
  if (r.signer.authority === undefined && r.signer.delegate !== undefined) {
    r.signer.authority = r.signer.delegate;
    r.signer.delegate = undefined;
  }
  for (const it of items) {
    const arch = /^Lưu\s*:?\s*(.*?)\.?$/u.exec(it);
    if (arch) {
      r.recipients.archive = arch[1]!.trim();
      continue;
    }
    const p = /[;,]$/u.exec(it)?.[0] as ";" | "," | undefined;
    if (p) r.recipients.punctuation ??= p;
    r.recipients.items.push(it.replace(/[;,.]$/u, "").trim());
  }
}

