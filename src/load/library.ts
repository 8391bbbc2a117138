// The directive library: seeds/*.yaml (directives and the documents between
// them) and seeds/levels/*.yaml (agency registries per government level).
// Read and validated once per process; every error points into the seed file.
// A library that validated is cached on disk by content hash (cache.ts), so
// later processes read it as JSON instead of parsing and validating YAML.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { UserError } from "../errors.ts";
import { directiveSchema, levelSchema, type Directive, type Level, type LevelRegistry } from "../model/directive.ts";
import type { Citation } from "../model/plan.ts";
import { preparedKey, readPrepared, writePrepared } from "./cache.ts";
import { locate, parseYamlSource, type YamlSource } from "./source.ts";
import { suggest, validateSource } from "./validate.ts";

import { SEEDS_DIR } from "../paths.ts";
export { SEEDS_DIR };

export interface Library {
  dir: string;
  directives: Map<string, Directive>;
  levels: Map<Level, LevelRegistry>;
}

interface CachedLibrary {
  directives: [string, Directive][];
  levels: [Level, LevelRegistry][];
}
const isCachedLibrary = (v: unknown): v is CachedLibrary =>
  typeof v === "object" && v !== null && Array.isArray((v as CachedLibrary).directives) && Array.isArray((v as CachedLibrary).levels);

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.startsWith("."))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

export function readLibrary(dir = SEEDS_DIR): Library {
  const read = (files: string[]) => files.map((file) => ({ file, text: readFileSync(file, "utf8") }));
  const directiveFiles = read(yamlFiles(dir));
  const levelFiles = read(yamlFiles(join(dir, "levels")));
  const key = preparedKey("library", (h) => {
    for (const { file, text } of [...directiveFiles, ...levelFiles]) h.update(`${relative(dir, file)}\0${text}\0`);
  });
  const cached = readPrepared("library", key, isCachedLibrary);
  if (cached) return { dir, directives: new Map(cached.directives), levels: new Map(cached.levels) };

  const lib: Library = { dir, directives: new Map(), levels: new Map() };
  /** the source each directive came from, for messages */
  const sources = new Map<string, YamlSource>();
  for (const { file, text } of directiveFiles) {
    const src = parseYamlSource(file, text);
    const d = validateSource(src, directiveSchema);
    if (lib.directives.has(d.id)) {
      throw new UserError("E_SCHEMA", `Mã văn bản "${d.id}" đã có trong ${sources.get(d.id)!.file} (duplicate directive id)`, { location: { ...locate(src, ["id"]) }, path: "id" });
    }
    lib.directives.set(d.id, d);
    sources.set(d.id, src);
  }
  for (const { file, text } of levelFiles) {
    const l = validateSource(parseYamlSource(file, text), levelSchema);
    lib.levels.set(l.level, l);
  }
  // every "implements" must name a document of the library
  for (const d of lib.directives.values()) {
    d.implements.forEach((ref, i) => {
      if (!lib.directives.has(ref)) {
        const hint = suggest(ref, [...lib.directives.keys()]);
        const src = sources.get(d.id)!;
        throw new UserError("E_REFERENCE", `Không có văn bản mã "${ref}" trong thư viện (unknown document)${hint ? `; có phải ý bạn là "${hint}"?` : ""}`, {
          location: { ...locate(src, ["implements", i]) },
          path: `implements[${i}]`,
        });
      }
    });
  }
  writePrepared("library", key, { directives: [...lib.directives], levels: [...lib.levels] } satisfies CachedLibrary);
  return lib;
}

const cache = new Map<string, Library>();
export function library(dir = SEEDS_DIR): Library {
  let lib = cache.get(dir);
  if (!lib) {
    lib = readLibrary(dir);
    cache.set(dir, lib);
  }
  return lib;
}

/** A directive and every document it implements, nearest first, each once. */
export function citationChain(lib: Library, id: string): Map<string, Citation> {
  const out = new Map<string, Citation>();
  const visit = (ref: string, depth: number) => {
    const d = lib.directives.get(ref);
    if (!d || out.has(ref) || depth > 20) return;
    out.set(ref, d.citation);
    for (const up of d.implements) visit(up, depth + 1);
  };
  visit(id, 0);
  return out;
}
