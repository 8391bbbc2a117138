// Handlebars templates: read from templates/ once, compiled once per family
// and document kind. Partials in templates/partials/; a kind folder
// (templates/kinds/chuong-trinh/) and then a family folder (templates/party/)
// override only the partials that differ, so nothing is written twice.
// Compiling is the slow part of a start: the precompiled templates and the
// resolved style table are cached on disk by content hash (load/cache.ts), so
// later processes only evaluate the compiled JavaScript.
import Handlebars from "handlebars";
import { readdirSync, readFileSync } from "node:fs";
import { compileCached, preparedKey, readPrepared, writePrepared } from "../load/cache.ts";
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

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    return undefined;
  }
}

/** base.yaml with the family's overrides, as raw YAML data (lengths in mm). */
function rawStyles(base: string, family: string | undefined): unknown {
  return mergeStyleTables(parseYaml(base), family === undefined ? {} : (parseYaml(family) ?? {}));
}

function resolveStyles(raw: unknown, where: string): StyleTable {
  try {
    return resolveStyleTable(raw);
  } catch (e) {
    throw new UserError("E_TEMPLATE", `Bảng kiểu không hợp lệ (invalid style table): ${(e as Error).message.slice(0, 300)}`, { location: { file: where } });
  }
}

// noEscape: data strings are already escaped for our markup (derive/markup-text.ts)
const COMPILE_OPTIONS = { noEscape: true, strict: true, preventIndent: true } as const;

const CITATION_FORMS = ["short", "dated", "full", "first"] as const;

/** What compiling a family gives, as JSON: the templates as Handlebars' precompiled JavaScript. */
interface Prepared {
  main: string;
  partials: [string, string][];
  /** `{{> citation-<form>}}` for each citation form */
  cite: [string, string][];
  raw: unknown;
  styles: StyleTable;
}
const isPrepared = (v: unknown): v is Prepared =>
  typeof v === "object" && v !== null && typeof (v as Prepared).main === "string" && Array.isArray((v as Prepared).partials) && Array.isArray((v as Prepared).cite) && typeof (v as Prepared).styles === "object";

function prepare(partials: Map<string, string>, main: string, mainFile: string, stylesBase: string, stylesFamily: string | undefined, stylesFile: string): Prepared {
  // every partial precompiled with the main template's options (a partial left
  // as source would be compiled at first use with Handlebars' defaults)
  const pre = (src: string, file: string, strict = true) => {
    try {
      return Handlebars.precompile(src, { ...COMPILE_OPTIONS, strict }) as string;
    } catch (e) {
      throw new UserError("E_TEMPLATE", `Lỗi mẫu văn bản (template error): ${(e as Error).message.split("\n")[0]}`, { location: { file } });
    }
  };
  const raw = rawStyles(stylesBase, stylesFamily);
  // citations are worded with strict off (a citation may lack a date or a title)
  const isCitation = (name: string) => name.startsWith("citation-");
  return {
    main: pre(main, mainFile),
    partials: [...partials].map(([name, src]) => [name, pre(src, `${name}.hbs`, !isCitation(name))]),
    cite: CITATION_FORMS.map((form) => [form, pre(`{{> citation-${form}}}`, `citation-${form}.hbs`, false)]),
    raw,
    styles: resolveStyles(raw, stylesFile),
  };
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];
interface Specs {
  main: TemplateSpecification;
  partials: [string, TemplateSpecification][];
  cite: [string, TemplateSpecification][];
}

const CODE_PREFIX = "templates-code-";
/**
 * The precompiled templates are JavaScript source (Handlebars' own format for
 * them): evaluated as one script, compiled with V8's code cache kept next to
 * the prepared entry, so a later process neither parses ~130 KB of template
 * code nor compiles each template function again when it first runs. The
 * cache is written after the first render, when those functions are compiled.
 */
function evaluateSpecs(prepared: Prepared, key: string): { specs: Specs; save(): void } {
  const list = (entries: [string, string][]) => `[${entries.map(([name, js]) => `[${JSON.stringify(name)}, ${js}]`).join(",\n")}]`;
  const source = `({ main: ${prepared.main},\npartials: ${list(prepared.partials)},\ncite: ${list(prepared.cite)} })`;
  const name = `${CODE_PREFIX}${key}-${process.version}-${process.arch}.v8`;
  const { script, save } = compileCached(source, "kehoach-templates.js", CODE_PREFIX, name, 8);
  return { specs: script.runInThisContext() as Specs, save };
}

export function compileFamily(family: Family, dir = TEMPLATES_DIR, kind = "ke-hoach"): FamilyTemplates {
  const partials = readHbsDir(join(dir, "partials"));
  for (const [name, src] of readHbsDir(join(dir, "kinds", kind))) partials.set(name, src);
  for (const [name, src] of readHbsDir(join(dir, family))) partials.set(name, src);
  const mainFile = join(dir, "plan.hbs");
  const main = readFileSync(mainFile, "utf8").normalize("NFC");
  const stylesBase = readFileSync(join(dir, "styles", "base.yaml"), "utf8");
  const stylesFile = join(dir, "styles", `${family}.yaml`);
  const stylesFamily = readOptional(stylesFile);
  const key = preparedKey("templates", (h) => {
    h.update(`${Handlebars.VERSION}\0${family}\0${kind}\0${main}\0${stylesBase}\0${stylesFamily ?? "\u0001"}\0`);
    for (const [name, src] of partials) h.update(`${name}\0${src}\0`);
  });
  let prepared = readPrepared("templates", key, isPrepared);
  if (!prepared) {
    prepared = prepare(partials, main, mainFile, stylesBase, stylesFamily, stylesFile);
    writePrepared("templates", key, prepared);
  }
  const hb = Handlebars.create();
  // "Điều {{inc @index}}": articles and other lists counted from 1
  hb.registerHelper("inc", (n: unknown) => Number(n) + 1);
  const { specs, save } = evaluateSpecs(prepared, key);
  for (const [name, spec] of specs.partials) hb.registerPartial(name, hb.template(spec));
  const template = hb.template(specs.main);
  const wrapper = Object.fromEntries(specs.cite.map(([form, spec]) => [form, hb.template(spec)]));
  const cite = { short: wrapper.short!, dated: wrapper.dated!, full: wrapper.full!, first: wrapper.first! };
  const { raw, styles } = prepared;
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
        const text = template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
        save();
        return text;
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
