// Cited documents in imported text → the plan's citation registry. A document
// of the directive library is linked by its number and cited in the form the
// text used ({ct25:full}, {ct25:dated}, {ct25:short}), so the words stay the
// same and a later edit of the library updates the plan. Another document
// with its date and issuer becomes a `documents:` entry of its own.
import type { Citation } from "../model/plan.ts";
import { slashDate } from "../derive/format.ts";
import type { DateParts } from "../model/date.ts";

const KINDS = "Chỉ thị|Nghị quyết liên tịch|Nghị quyết|Quyết định|Kế hoạch|Chương trình hành động|Chương trình|Thông tư liên tịch|Thông tư|Nghị định|Luật|Hướng dẫn|Kết luận|Công văn|Thông báo|Đề án|Quy định|Quy chế|Báo cáo|Pháp lệnh|Chỉ thị liên tịch";
const NUMBER = String.raw`\d+[\p{L}\d./-]*\/[\p{L}\d./-]*[\p{L}\d]`;
const CITE = new RegExp(String.raw`(${KINDS}) số (${NUMBER})(?:,? ngày (\d{1,2})(?:\/| tháng )(\d{1,2})(?:\/| năm )(\d{4}))?(?: của ([^,;()]+?)(?=$|[,;()]|\s+về\s|\s+thực hiện\s|\s+ban hành\s|\s+và\s|\.\s|\.$|\s+\())?(?![\p{L}\d])`, "gu");

export interface KnownDoc {
  id: string;
  citation: Citation & { date: DateParts };
}

export interface CitationRegistry {
  /** library documents by number */
  library: Map<string, KnownDoc>;
  /** documents found in the text, by number */
  local: Map<string, { id: string; citation: { kind: string; number: string; date: DateParts; issuer: string; title: string } }>;
  /** library ids used */
  used: Set<string>;
  mentions: number;
  /** cited without date: not registered */
  unregistered: Set<string>;
  /** dates written "ngày 10/3/2026" or "ngày 10 tháng 3 năm 2026" (phrasing.citationDates) */
  dates: { slash: number; words: number };
}

export function newRegistry(library: Map<string, KnownDoc>): CitationRegistry {
  return { library, local: new Map(), used: new Set(), mentions: 0, unregistered: new Set(), dates: { slash: 0, words: 0 } };
}

const key = (n: string) => n.toLocaleUpperCase("vi");

function slug(number: string): string {
  return `vb-${number.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

/** First pass: registers documents cited with a date and an issuer that the library does not know. */
export function collectCitations(texts: string[], reg: CitationRegistry): void {
  for (const text of texts) {
    for (const m of text.matchAll(CITE)) {
      const [, kind, number, d, mo, y, issuer] = m;
      const k = key(number!);
      if (reg.library.has(k) || reg.local.has(k)) continue;
      if (!d || !issuer) {
        reg.unregistered.add(`${kind} số ${number}`);
        continue;
      }
      const after = text.slice(m.index + m[0].length);
      // the title: what follows the issuer up to the end of the clause ("về …", "thực hiện …")
      const title = /^\s+((?:về|thực hiện|Thực hiện|triển khai|ban hành|quy định|hướng dẫn)\s[^;()]+?)(?=;|\(|\.\s|\.$|$)/u.exec(after)?.[1]?.trim();
      const ids = new Set([...reg.local.values()].map((v) => v.id));
      let id = slug(number!);
      for (let n = 2; ids.has(id); n++) id = `${slug(number!)}-${n}`;
      reg.local.set(k, { id, citation: { kind: kind!, number: number!, date: { day: Number(d), month: Number(mo), year: Number(y) }, issuer: issuer!.trim(), title: title ?? "[[trích yếu]]" } });
    }
  }
  for (const k of [...reg.unregistered]) {
    const n = k.replace(/^.* số /u, "");
    if (reg.local.has(key(n)) || reg.library.has(key(n))) reg.unregistered.delete(k);
  }
}

/** Second pass: replaces each mention with a reference in the form it was written. */
export function linkCitations(text: string, reg: CitationRegistry): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(CITE)) {
    const [, kind, number] = m;
    const k = key(number!);
    const lib = reg.library.get(k);
    const loc = reg.local.get(k);
    const doc = lib ?? (loc ? { id: loc.id, citation: loc.citation } : undefined);
    if (!doc || doc.citation.kind !== kind) continue;
    const c = doc.citation;
    const at = m.index;
    const rest = text.slice(at);
    const short = `${c.kind} số ${c.number}`;
    const [dd, mm, yy] = slashDate(c.date).split("/") as [string, string, string];
    let form: "full" | "dated" | "short" | undefined;
    let len = 0;
    for (const [date, style] of [[slashDate(c.date), "slash"], [`${dd} tháng ${mm} năm ${yy}`, "words"]] as const) {
      const dated = `${short} ngày ${date} của ${c.issuer}`;
      const full = `${dated} ${c.title}`;
      if (rest.startsWith(full) && !/^[\p{L}\d]/u.test(rest.slice(full.length))) [form, len] = ["full", full.length];
      else if (rest.startsWith(dated) && !/^[\p{L}\d]/u.test(rest.slice(dated.length))) [form, len] = ["dated", dated.length];
      else continue;
      reg.dates[style]++;
      break;
    }
    if (!form && rest.startsWith(short)) [form, len] = ["short", short.length];
    if (!form) continue;
    if (at < last) continue;
    out += text.slice(last, at) + `{${doc.id}:${form}}`;
    last = at + len;
    reg.mentions++;
    if (lib) reg.used.add(lib.id);
  }
  return out + text.slice(last);
}
