// Handlebars templates: read from templates/ once, compiled once per family
// and document kind. Partials in templates/partials/; a kind folder
// (templates/kinds/chuong-trinh/) and then a family folder (templates/party/)
// override only the partials that differ, so nothing is written twice.
import Handlebars from "handlebars";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { UserError } from "../errors.ts";
import type { CitationData } from "../derive/view.ts";
import type { Family } from "../model/style.ts";
import { mergeStyleTables, resolveStyleTable, type StyleTable } from "../model/style.ts";

import { TEMPLATES_DIR } from "../paths.ts";
export { TEMPLATES_DIR };

export interface FamilyTemplates {
  family: Family;
  render(view: object): string;
  styles: StyleTable;
  /** the family's style table with a plan's own overrides on top */
  stylesWith(override: unknown): StyleTable;
  /** the main template's file name, for messages */
  source: string;
  /** the printed forms of each cited document, worded by partials/citation-*.hbs */
  citations(data: Record<string, CitationData>): Record<string, CitationForms>;
}

/** How a document is cited: short name, with number/date/issuer, in full, and at its first mention. */
export interface CitationForms {
  short: string;
  dated: string;
  full: string;
  first: string;
}

function readHbsDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".hbs")).sort();
  } catch {
    return out;
  }
  // a partial used inside a line (number-symbol) is written without a final newline
  for (const n of names) out.set(n.slice(0, -4), readFileSync(join(dir, n), "utf8").normalize("NFC"));
  return out;
}

/** base.yaml with the family's overrides, as raw YAML data (lengths in mm). */
function rawStyles(dir: string, family: Family): unknown {
  const base = parseYaml(readFileSync(join(dir, "styles", "base.yaml"), "utf8"));
  let overrides: unknown = {};
  try {
    overrides = parseYaml(readFileSync(join(dir, "styles", `${family}.yaml`), "utf8")) ?? {};
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return mergeStyleTables(base, overrides);
}

function resolveStyles(raw: unknown, where: string): StyleTable {
  try {
    return resolveStyleTable(raw);
  } catch (e) {
    throw new UserError("E_TEMPLATE", `Bảng kiểu không hợp lệ (invalid style table): ${(e as Error).message.slice(0, 300)}`, { location: { file: where } });
  }
}

export function compileFamily(family: Family, dir = TEMPLATES_DIR, kind = "ke-hoach"): FamilyTemplates {
  const hb = Handlebars.create();
  // "Điều {{inc @index}}": articles and other lists counted from 1
  hb.registerHelper("inc", (n: unknown) => Number(n) + 1);
  const partials = readHbsDir(join(dir, "partials"));
  for (const [name, src] of readHbsDir(join(dir, "kinds", kind))) partials.set(name, src);
  for (const [name, src] of readHbsDir(join(dir, family))) partials.set(name, src);
  for (const [name, src] of partials) hb.registerPartial(name, src);
  const mainFile = join(dir, "plan.hbs");
  const main = readFileSync(mainFile, "utf8").normalize("NFC");
  // noEscape: data strings are already escaped for our markup (derive/markup-text.ts)
  const template = hb.compile(main, { noEscape: true, strict: true, preventIndent: true });
  const partial = (name: string) => hb.compile(`{{> ${name}}}`, { noEscape: true, strict: false, preventIndent: true });
  const cite = { short: partial("citation-short"), dated: partial("citation-dated"), full: partial("citation-full"), first: partial("citation-first") };
  const raw = rawStyles(dir, family);
  const styles = resolveStyles(raw, join(dir, "styles", `${family}.yaml`));
  return {
    family,
    styles,
    stylesWith: (override) => (override === undefined ? styles : resolveStyles(mergeStyleTables(raw, override), "style (kế hoạch)")),
    source: mainFile,
    citations(data) {
      const out: Record<string, CitationForms> = {};
      for (const [id, d] of Object.entries(data)) {
        try {
          const short = cite.short(d);
          const full = cite.full(d);
          out[id] = { short, dated: cite.dated(d), full, first: cite.first({ full, short }) };
        } catch (e) {
          throw new UserError("E_TEMPLATE", `Lỗi mẫu trích dẫn (citation template error): ${(e as Error).message.split("\n")[0]}`, { location: { file: join(dir, "partials", "citation-full.hbs") } });
        }
      }
      return out;
    },
    render(view) {
      try {
        return template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (e) {
        throw new UserError("E_TEMPLATE", `Lỗi mẫu văn bản (template error): ${(e as Error).message.split("\n")[0]}`, { location: { file: mainFile } });
      }
    },
  };
}

const cache = new Map<string, FamilyTemplates>();

/** Compiled templates for a family and kind, compiled at most once per process and folder. */
export function templatesFor(family: Family, dir = TEMPLATES_DIR, kind = "ke-hoach"): FamilyTemplates {
  const key = `${dir}\0${family}\0${kind}`;
  let t = cache.get(key);
  if (!t) {
    t = compileFamily(family, dir, kind);
    cache.set(key, t);
  }
  return t;
}
