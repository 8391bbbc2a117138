// Agency cells of the appendix → agency ids. A cell is read back the way the
// appendix prints a list (derive/format.ts agencyList): names separated by ","
// (";" when a name has a comma), a trailing group joined with "và". Names are
// matched to the level's registry; an unknown one becomes a local agency. A
// reading is kept only when printing it gives the cell's words back.
import { agencyList } from "../derive/format.ts";

export interface AgencyBook {
  /** id → name and group flag: the level's registry, then local ones */
  entries: Map<string, { name: string; group?: boolean | undefined; local: boolean }>;
}

const norm = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
/** "," and ";" between names are the same list to a reader */
const listNorm = (s: string) => norm(s).replace(/;/g, ",");
const AGENCY_START = /^(Sở|UBND|Ủy ban|Uỷ ban|Ban|Bộ|Công an|Bảo hiểm|Trung tâm|Phòng|Văn phòng|Đài|Báo|Liên đoàn|Hội|Đoàn|Tỉnh|Huyện|Thành|Quận|Xã|Phường|Trạm|Bệnh viện|Chi cục|Cục|Kho bạc|Viện|Trường|Đảng|Cấp|Các|Ngành|Mặt trận)\s/u;

export function agencySlug(name: string): string {
  const base = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .split("-")
    .slice(0, 6)
    .join("-");
  return base || "co-quan";
}

function find(book: AgencyBook, name: string): string | undefined {
  const n = norm(name);
  for (const [id, e] of book.entries) if (norm(e.name) === n) return id;
  return undefined;
}

function addLocal(book: AgencyBook, name: string, group = false): string {
  const existing = find(book, name);
  if (existing) return existing;
  // lower-case the first letter of a general name ("Các cơ quan…" → "các cơ quan…"): the list capitalises
  const stored = /^(Các|Cơ quan|Ngành)\s/u.test(name) ? name[0]!.toLocaleLowerCase("vi") + name.slice(1) : name;
  let id = agencySlug(stored);
  for (let i = 2; book.entries.has(id); i++) id = `${agencySlug(stored)}-${i}`;
  book.entries.set(id, { name: stored, group: group || undefined, local: true });
  return id;
}

/** Splits a list on "," into known names where it can (a name may itself hold commas). */
function splitKnown(book: AgencyBook, text: string): string[] | undefined {
  const parts = text.split(/,\s*/u);
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    let matched = 0;
    for (let j = parts.length; j > i; j--) {
      if (find(book, parts.slice(i, j).join(", "))) {
        matched = j;
        break;
      }
    }
    if (!matched) {
      // an unknown name: up to the next part that starts like an agency name
      let j = i + 1;
      while (j < parts.length && !AGENCY_START.test(parts[j]!) && !find(book, parts[j]!)) j++;
      matched = j;
    }
    out.push(parts.slice(i, matched).join(", "));
    i = matched;
  }
  return out;
}

/** A cell → ids; the reading must print back as the cell (else the cell is one local agency). */
export function readAgencyCell(book: AgencyBook, cell: string): string[] {
  const text = cell.replace(/\s+/g, " ").replace(/\.$/u, "").trim();
  if (!text) return [];
  const print = (ids: string[]) => listNorm(agencyList(ids.map((id) => book.entries.get(id)!)));
  const attempts: (() => string[] | undefined)[] = [
    // every name known as the registry writes it ("… tỉnh và các tổ chức chính trị - xã hội" is one agency)
    () => {
      const names = text.includes(";") ? text.split(/;\s*/u) : splitKnown(book, text);
      const ids = names?.map((n) => find(book, n));
      return ids?.every((id) => id !== undefined) ? (ids as string[]) : undefined;
    },
    () => {
      const m = /^(.*?)\s+và\s+((?:các|những)\s[^;]+)$/u.exec(text);
      const main = m ? m[1]! : text;
      const ids: string[] = [];
      const names = main.includes(";") ? main.split(/;\s*/u) : (splitKnown(book, main) ?? [main]);
      if (!names) return undefined;
      for (const n of names) ids.push(find(book, n) ?? addLocal(book, n));
      if (m) ids.push(find(book, m[2]!) ?? addLocal(book, m[2]!, true));
      return ids;
    },
  ];
  for (const attempt of attempts) {
    const snapshot = new Map(book.entries);
    const ids = attempt();
    if (ids && print(ids) === listNorm(text)) return ids;
    book.entries = snapshot;
  }
  const whole = find(book, text) ?? addLocal(book, text);
  return [whole];
}

/** One agency name (a duty's heading) → its id: the registry's, else a new local one when it reads like an agency. */
export function agencyIdOf(book: AgencyBook, name: string, taken = new Set<string>()): string | undefined {
  const text = name.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  const same = [...book.entries].filter(([, e]) => norm(e.name) === norm(text)).map(([id]) => id);
  const known = same.find((id) => !taken.has(id)) ?? same[0];
  if (known) return known;
  return AGENCY_START.test(text) ? addLocal(book, text) : undefined;
}

/** An agency of the book by its name, if any. */
export const findAgency = (book: AgencyBook, name: string): string | undefined => find(book, name.replace(/\s+/g, " ").trim());

/** A name that starts the way agency names do ("Sở …", "Ủy ban …", "Các cơ quan …"). */
export const looksLikeAgency = (name: string): boolean => AGENCY_START.test(name.trim());

/** "Sở NN&MT" for "Sở Nông nghiệp và Môi trường", "Sở VHTTDL" for "Sở Văn hóa, Thể thao và Du lịch": the capitals of the words after the first ("và", "&" left out). */
export function abbreviates(short: string, full: string): boolean {
  const [head, ...rest] = short.trim().split(/\s+/u);
  const [fullHead, ...fullRest] = full.trim().split(/\s+/u);
  if (!head || rest.length !== 1 || head !== fullHead || fullRest.length < 2) return false;
  const letters = rest[0]!.replace(/&/gu, "");
  if (!/^\p{Lu}{2,}$/u.test(letters)) return false;
  const initials = fullRest.filter((w) => w.toLocaleLowerCase("vi") !== "và").map((w) => w.replace(/^\P{L}+/u, "")[0] ?? "").join("");
  return initials.toLocaleUpperCase("vi") === letters;
}
