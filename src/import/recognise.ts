// The recogniser: neutral paragraphs → the parts of an administrative plan.
// Pure (no files), so it is tested on text. It finds the letterhead, number,
// place and date, kind and title, the legal basis, the numbered outline with
// its lists, the closing sentence, Nơi nhận and the signature, and the
// appendix table; whatever it cannot place stays as text where it stood, and
// every guess it is unsure of is noted with its place in the input.
import { UserError } from "../errors.ts";
import { marker, markerValue, type Marker, type MarkerKind } from "./markers.ts";
import { whereText, type Block, type Cell, type ImportSource, type Para, type Where } from "./source.ts";

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
}

export interface RTaskRow {
  at: Where;
  no: string;
  content: string;
  lead: string;
  partners: string;
  deadline: string;
  group?: string | undefined;
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
  appendix?: { heading: string; title: string; caption?: string | undefined; rows: RTaskRow[]; groups: string[] } | undefined;
  /** lines kept as text outside the outline (after the signature…) */
  leftovers: Para[];
  notes: Note[];
}

interface Line extends Para {
  table?: Block | undefined;
}

const KIND_LINE = /^(KẾ HOẠCH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?)$/u;
const NATION = /^CỘNG H(?:OÀ|ÒA|OA) XÃ HỘI CHỦ NGHĨA VIỆT NAM$/u;
const PARTY = /^ĐẢNG CỘNG SẢN VIỆT NAM$/u;
const MOTTO = /^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc$/u;
const NUMBER_LINE = /^Số:?\s*(\d+)?\s*[-/]?\s*(\p{Lu}[\p{Lu}\d]*(?:[-/][\p{Lu}\p{Ll}\d.]+)+)\s*(.*)$/u;
const PLACE_DATE = /^(.+?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})\s*\.?$/u;
const RULE = /^[-_=–—.*]{3,}$|^\*$/u;
const RECIPIENTS = /^Nơi nhận\s*:?\s*(.*)$/u;
const AUTHORITY = /^(TM\.|T\/M|TM |T\.M\.)/u;
const DELEGATE = /^(KT\.|K\/T|Q\.|TL\.|TUQ\.|T\/L)/u;
const APPENDIX = /^PHỤ LỤC(?:\s+[IVX\d]+)?\s*$|^Phụ lục(?:\s+[IVX\d]+)?$/u;
const CLOSING = /^Trên đây là|\.\/\.\s*$/u;

const isUpper = (s: string) => /\p{Lu}/u.test(s) && s === s.toLocaleUpperCase("vi");
const endsSentence = (s: string) => /[.:;!?…]["”)]?$|\.\/\.$/u.test(s);
const startsUpper = (s: string) => /^["“(]?[\p{Lu}\d]/u.test(s);

/** Blocks → one list of lines; tables are read cell by cell, except task tables, kept whole. */
function linearise(src: ImportSource): Line[] {
  const out: Line[] = [];
  const marked = src.format === "docx" && src.blocks.filter((b) => b.kind === "p" && MD_BOLD.test(b.text)).length >= 3;
  for (const b of src.blocks) {
    if (b.kind === "p") out.push(...(marked ? unmark(b) : [b]));
    else if (isTaskTable(b)) out.push({ kind: "p", text: "", at: b.at, table: b, whole: true });
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

const cellText = (c: Cell | undefined) => (c ? c.paras.map((p) => p.text).join(" ").trim() : "");

function isTaskTable(b: Block): boolean {
  if (b.kind !== "table" || b.rows.length < 2) return false;
  const head = b.rows[0]!.map(cellText).join(" ").toLocaleLowerCase("vi");
  return /nội dung|nhiệm vụ/u.test(head) && /chủ trì/u.test(head);
}

export function recognise(src: ImportSource): Recognised {
  const notes: Note[] = [];
  const unsure = (at: Where, text: string) => notes.push({ at, text });
  const lines = mergeHeaderPieces(linearise(src));
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
    r.issuerName = headerIssuer.map((l) => l.text);
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
    if (layoutKnown) {
      if (!(l.center || (src.format === "docx" && l.bold))) break;
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
    if (RECIPIENTS.test(s) || AUTHORITY.test(s) || (DELEGATE.test(s) && isUpper(s)) || APPENDIX.test(s) || lines[j]!.table) {
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
  while (k < lines.length && !APPENDIX.test(lines[k]!.text) && !lines[k]!.table) tail.push(lines[k++]!);
  readSignature(tail, r, unsure);
  if (k < lines.length) readAppendix(lines.slice(k), r, unsure);
  for (const f of src.footnotes) unsure(f.at, `chú thích (footnote) giữ thành đoạn văn sau đoạn dẫn nó: "${f.text.slice(0, 60)}"`);
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
    if (l.table) continue;
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
    if (isUpper(s) && r.signer.authority !== undefined && r.signer.title === undefined) {
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

const NUMERIC = /^\d{1,3}\.?$/u;

function readAppendix(lines: Line[], r: Recognised, unsure: (at: Where, t: string) => void): void {
  let i = 0;
  let heading = "PHỤ LỤC";
  if (APPENDIX.test(lines[0]!.text)) heading = lines[i++]!.text;
  const titleLines: string[] = [];
  let caption: string | undefined;
  while (i < lines.length && !lines[i]!.table) {
    const s = lines[i]!.text;
    if (/^\(Kèm theo/u.test(s)) {
      caption = s;
      i++;
      // a caption may wrap
      while (i < lines.length && !lines[i]!.table && !caption.endsWith(")")) caption += ` ${lines[i++]!.text}`;
      break;
    }
    if (/^TT\b|^STT\b/u.test(s)) break;
    titleLines.push(s);
    i++;
  }
  const rows: RTaskRow[] = [];
  const groups: string[] = [];
  const t = lines[i]?.table;
  if (t && t.kind === "table") {
    readTaskTable(t, rows, groups, unsure);
    i++;
  } else {
    i = readLooseTable(lines, i, rows, unsure);
  }
  r.appendix = { heading, title: titleLines.join(" "), caption, rows, groups };
  for (const l of lines.slice(i)) {
    if (l.table) continue;
    unsure(l.at, `dòng sau bảng phụ lục giữ thành đoạn văn: "${l.text.slice(0, 60)}"`);
    r.leftovers.push(l);
  }
}

/** A DOCX table: header row, group rows (a cell spanning the row or a Roman number), task rows. */
function readTaskTable(t: Extract<Block, { kind: "table" }>, rows: RTaskRow[], groups: string[], unsure: (at: Where, t: string) => void): void {
  const expand = (row: Cell[]) => row.flatMap((c) => [c, ...Array.from({ length: c.span - 1 }, () => undefined)]);
  const head = expand(t.rows[0]!).map((c) => cellText(c).toLocaleLowerCase("vi"));
  const col = (re: RegExp) => head.findIndex((h) => re.test(h));
  const cContent = col(/nội dung|nhiệm vụ/u);
  const cLead = col(/chủ trì/u);
  const cPartners = col(/phối hợp/u);
  const cDeadline = col(/thời gian|thời hạn|hoàn thành|tiến độ/u);
  let group: string | undefined;
  for (const row of t.rows.slice(1)) {
    const cells = expand(row);
    const texts = cells.map(cellText);
    const at = row[0]?.paras[0]?.at ?? t.at;
    const filled = texts.filter(Boolean);
    if (filled.length <= 2 && (row.length <= 2 || row.some((c) => c.span >= 3))) {
      group = filled.join(" ").replace(/^([IVX]+|\d+)[.\-)]?\s+/u, "");
      groups.push(group);
      continue;
    }
    if (texts[cContent] === undefined || texts[cContent] === "") {
      unsure(at, "dòng bảng không có nội dung nhiệm vụ, bỏ qua");
      continue;
    }
    rows.push({ at, no: texts[0] ?? "", content: texts[cContent]!, lead: cLead >= 0 ? (texts[cLead] ?? "") : "", partners: cPartners >= 0 ? (texts[cPartners] ?? "") : "", deadline: cDeadline >= 0 ? (texts[cDeadline] ?? "") : "", group });
  }
}

const DANGLING = /(?:^|\s)(sở|ban|ủy ban|uỷ ban|ubnd|các|và|của|với|phòng|trung tâm|mttq|việt|tổ|đơn|cơ quan|hội|bảo hiểm|công an|bộ|chỉ huy)$/iu;
const DEADLINE_START = /^(Nhiệm vụ|Thường xuyên|Hằng năm|Hàng năm|Quý|Trước|Từ|Năm|Theo|Trong|Đến|Giai đoạn|Tháng|Ngày|Hoàn thành|Định kỳ|Sau|Liên tục|\d{4})/u;

/**
 * A table extracted as loose lines (text, PDF): each row starts with its number
 * on a line of its own; the task's lines are long, the agency and deadline
 * cells short. A row split by a page break continues after the deadline.
 */
function readLooseTable(lines: Line[], start: number, rows: RTaskRow[], unsure: (at: Where, t: string) => void): number {
  let i = start;
  // header cells: up to the last header word
  let head = "";
  while (i < lines.length && i - start < 14) {
    if (lines[i]!.text === "1" && /chủ trì/iu.test(head)) break;
    head += ` ${lines[i]!.text}`;
    i++;
  }
  if (!/chủ trì/iu.test(head)) return start;
  if (lines.slice(start, i).every((l) => l.x !== undefined && l.x2 !== undefined)) return readColumnTable(lines, start, i, rows, unsure);
  let cur: { at: Where; no: number; lines: Line[] } | undefined;
  const done: { at: Where; no: number; lines: Line[] }[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (NUMERIC.test(l.text) && Number.parseInt(l.text, 10) === (cur ? cur.no + 1 : 1)) {
      if (cur) done.push(cur);
      cur = { at: l.at, no: Number.parseInt(l.text, 10), lines: [] };
      continue;
    }
    if (NUMERIC.test(l.text)) continue; // a page number inside the table
    if (!cur) {
      unsure(l.at, `dòng trước nhiệm vụ đầu tiên của bảng: "${l.text.slice(0, 60)}"`);
      continue;
    }
    cur.lines.push(l);
  }
  if (cur) done.push(cur);
  for (const row of done) rows.push(splitLooseRow(row, unsure));
  return lines.length;
}

/**
 * A table from a PDF: each line belongs to the column whose header is nearest
 * to it across the page, so cells split by a page break come back together.
 */
function readColumnTable(lines: Line[], start: number, bodyStart: number, rows: RTaskRow[], unsure: (at: Where, t: string) => void): number {
  const centre = (l: Line) => (l.x! + l.x2!) / 2;
  // header fragments → columns (fragments that overlap across the page are one column)
  const cols: { x: number; x2: number; text: string }[] = [];
  for (const l of lines.slice(start, bodyStart)) {
    const c = cols.find((k) => l.x! < k.x2 && l.x2! > k.x);
    if (c) {
      c.x = Math.min(c.x, l.x!);
      c.x2 = Math.max(c.x2, l.x2!);
      c.text += ` ${l.text}`;
    } else cols.push({ x: l.x!, x2: l.x2!, text: l.text });
  }
  cols.sort((a, b) => a.x - b.x);
  const headTexts = new Set(lines.slice(start, bodyStart).map((l) => l.text));
  const idx = (re: RegExp) => cols.findIndex((c) => re.test(c.text.toLocaleLowerCase("vi")));
  const cContent = idx(/nội dung|nhiệm vụ/u);
  const cLead = idx(/chủ trì/u);
  const cPartners = idx(/phối hợp/u);
  const cDeadline = idx(/thời gian|thời hạn|hoàn thành|tiến độ/u);
  const column = (l: Line) => {
    let best = 0;
    for (let k = 1; k < cols.length; k++) if (Math.abs(centre(l) - (cols[k]!.x + cols[k]!.x2) / 2) < Math.abs(centre(l) - (cols[best]!.x + cols[best]!.x2) / 2)) best = k;
    return best;
  };
  let cur: { at: Where; no: number; cells: string[][] } | undefined;
  const flush = () => {
    if (!cur) return;
    const cell = (k: number) => (k < 0 ? "" : tidy(cur!.cells[k]!.reduce((a, b) => (a ? joinLoose(a, b) : b), "")));
    rows.push({ at: cur.at, no: String(cur.no), content: cell(cContent), lead: cell(cLead), partners: cell(cPartners), deadline: cell(cDeadline) });
  };
  let i = bodyStart;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.x === undefined) break;
    if (headTexts.has(l.text)) continue; // the header repeated on a new page
    const k = column(l);
    if (k === 0 && NUMERIC.test(l.text)) {
      flush();
      cur = { at: l.at, no: Number.parseInt(l.text, 10), cells: cols.map(() => []) };
      continue;
    }
    if (!cur) {
      unsure(l.at, `dòng trước nhiệm vụ đầu tiên của bảng: "${l.text.slice(0, 60)}"`);
      continue;
    }
    cur.cells[k]!.push(l.text);
  }
  flush();
  return i;
}

function splitLooseRow(row: { at: Where; no: number; lines: Line[] }, unsure: (at: Where, t: string) => void): RTaskRow {
  const LONG = 45;
  const content: string[] = [];
  const short: Line[] = [];
  const after: Line[] = [];
  let phase = 0;
  for (const [j, l] of row.lines.entries()) {
    const s = l.text;
    const prev = row.lines[j - 1]?.text ?? "";
    if (phase === 0 && (s.length >= LONG || content.length === 0 || (/\.$/u.test(s) && prev.length >= LONG && !/[.;]$/u.test(prev)))) {
      content.push(s);
      continue;
    }
    if (phase === 0) phase = 1;
    if (phase === 1) short.push(l);
    else after.push(l);
    // once a full deadline has been read, what follows belongs to an earlier cell (page break)
    if (phase === 1 && deadlineSpan(short) !== undefined && row.lines.slice(j + 1).length > 0 && deadlineComplete(short)) phase = 2;
  }
  let dStart = deadlineSpan(short);
  if (dStart === undefined) {
    dStart = short.length;
    unsure(row.at, `nhiệm vụ ${row.no}: không tách được thời hạn`);
  }
  const cells = short.slice(0, dStart).map((l) => l.text);
  const deadline = short.slice(dStart).map((l) => l.text);
  // agencies: the partner cell starts at the last line that opens a new name after a complete one
  let split = -1;
  for (let j = 1; j < cells.length; j++) {
    const a = cells[j - 1]!;
    if (!/[,;]$/u.test(a) && !DANGLING.test(a) && /^\p{Lu}/u.test(cells[j]!)) split = j;
  }
  if (split < 0 && cells.length > 1) unsure(row.at, `nhiệm vụ ${row.no}: không tách được cơ quan chủ trì và phối hợp`);
  const lead = (split < 0 ? cells : cells.slice(0, split)).join(" ");
  let partners = split < 0 ? "" : cells.slice(split).join(" ");
  let text = content.join(" ");
  for (const l of after) {
    if (l.text.length >= LONG || /^\p{Ll}/u.test(l.text) === false || !/[,]\s*$|\svà$|các$/u.test(partners)) {
      if (partners && /[,]\s*$|\svà$|\scác$/u.test(partners) && l.text.length < LONG) partners = `${partners} ${l.text}`;
      else text = joinLoose(text, l.text);
    } else partners = `${partners} ${l.text}`;
  }
  return { at: row.at, no: String(row.no), content: text, lead: tidy(lead), partners: tidy(partners), deadline: tidy(deadline.join(" ")) };
}

const joinLoose = (a: string, b: string) => (/[\p{L}\d]-$/u.test(a) && /^[\p{Lu}\d]/u.test(b) ? a + b : `${a} ${b}`);
const tidy = (s: string) => s.replace(/\s+/g, " ").replace(/\s+([,;.])/g, "$1").trim();

/** Index of the first line of the deadline cell among the short lines, if any. */
function deadlineSpan(short: Line[]): number | undefined {
  const opens = (j: number) => DEADLINE_START.test(short[j]!.text) && (j === 0 || !/[,;]$|\svà$/u.test(short[j - 1]!.text));
  // the earliest start from which the rest reads as a whole deadline ("Quý II năm" + "2024")
  for (let j = 0; j < short.length; j++) if (DEADLINE_START.test(short[j]!.text) && COMPLETE_DEADLINE.test(joined(short.slice(j)))) return j;
  // a page break may put the rest of an earlier cell after a complete deadline
  for (let j = 0; j < short.length; j++) {
    for (let k = j + 1; k <= short.length; k++) if (STRONG_DEADLINE.test(short[j]!.text) && COMPLETE_DEADLINE.test(joined(short.slice(j, k))) && k < short.length) return j;
  }
  for (let j = short.length - 1; j >= 0; j--) if (opens(j) && STRONG_DEADLINE.test(short[j]!.text)) return j;
  for (let j = short.length - 1; j >= 0; j--) if (opens(j)) return j;
  return undefined;
}

const joined = (ls: Line[]) => ls.map((l) => l.text).join(" ").replace(/\s+/g, " ").trim();
const COMPLETE_DEADLINE = /^(Nhiệm vụ thường xuyên|Thường xuyên|Hằng năm|Hàng năm|Quý [IV]+ (?:năm |\/)\d{4}|Trước ngày \d{1,2}\/\d{1,2}\/\d{4}|Từ năm \d{4}|Năm \d{4}|\d{4})$/u;
const STRONG_DEADLINE = /^(Nhiệm vụ|Thường xuyên|Hằng năm|Hàng năm|Quý|Trước|Từ|Năm|Theo|Trong|Đến|Giai đoạn|Định kỳ)/u;

function deadlineComplete(short: Line[]): boolean {
  return COMPLETE_DEADLINE.test(joined(short.slice(deadlineSpan(short)!)));
}

export { whereText };
