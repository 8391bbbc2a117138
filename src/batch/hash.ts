// Content hashes that decide whether a plan needs building again. A plan's
// input hash covers everything its outputs are made from:
//  - the plan file and every file it `extends` (so editing a provincial plan
//    changes the hash of every commune that extends it);
//  - the directive library (seeds/**), the templates (templates/**: wording,
//    style tables, bundled fonts) and the font files the PDF actually uses;
//  - the tool itself: its version and dependencies (package.json) and its
//    source files (so a change to the code never leaves stale outputs);
//  - the build options that change the outputs (the formats).
import { createHash } from "node:crypto";
import { codeIdentity, hashFilesInto, statStamp } from "../load/cache.ts";
import { dirname, resolve } from "node:path";
import { readRegularFile, MAX_INPUT_BYTES } from "../load/input-file.ts";
import { isReallyInside, projectRoot } from "../load/real-path.ts";
import { PACKAGE_JSON, SEEDS_DIR, TEMPLATES_DIR } from "../paths.ts";

export const sha256 = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");


/** The bytes of a regular file, or null when it cannot be read (missing, a FIFO, a device: never blocks on one). */
export async function readOrNull(file: string, limit = Number.MAX_SAFE_INTEGER): Promise<Buffer | null> {
  try {
    return await readRegularFile(file, limit);
  } catch {
    return null;
  }
}

/** sha256 of a file's bytes, or null when it is missing. */
export async function hashFile(file: string): Promise<string | null> {
  const b = await readOrNull(file);
  return b === null ? null : sha256(b);
}

const isFont = (f: string) => /\.(ttf|otf|ttc)$/i.test(f);

/** One hash over every file under a folder (names and contents, sorted; dot-files skipped; fonts by size and time). */
export async function hashTree(dir: string): Promise<string> {
  const h = createHash("sha256");
  hashFilesInto(h, dir, isFont);
  return h.digest("hex");
}


let codeHash: Promise<string> | undefined;
/** The tool: package.json (version, dependencies) and its code (the stamp of dist/, or a hash of src/), once per process. */
function toolCodeHash(): Promise<string> {
  return (codeHash ??= (async () => {
    const pkg = JSON.parse((await readOrNull(PACKAGE_JSON))?.toString("utf8") ?? "{}") as { version?: string; dependencies?: unknown };
    return sha256(JSON.stringify({ version: pkg.version ?? "", dependencies: pkg.dependencies ?? {}, src: codeIdentity() }));
  })());
}

export interface ToolInputs {
  formats: readonly string[];
  /** the font files the PDF renderer uses (from loadFonts), when PDF is built */
  fontFiles?: readonly string[] | undefined;
  seedsDir?: string | undefined;
  templatesDir?: string | undefined;
}

/** The hash of everything but the plan files: the same for every plan of one build. */
export async function toolHash(o: ToolInputs): Promise<string> {
  const templatesDir = o.templatesDir ?? TEMPLATES_DIR;
  const [code, seeds, templates] = await Promise.all([toolCodeHash(), hashTree(o.seedsDir ?? SEEDS_DIR), hashTree(templatesDir)]);
  const fonts: string[] = [];
  for (const f of o.fontFiles ?? []) fonts.push(`${f}\0${statStamp(f) ?? "missing"}`); // fonts change only when replaced
  return sha256(JSON.stringify({ code, seeds, templates, fonts, formats: [...o.formats].sort() }));
}

interface FileInfo {
  hash: string;
  /** the absolute path of the file it extends, if it names one */
  parent?: string | undefined;
}

/**
 * Input hashes of plans, reading each file once per instance (a provincial
 * plan that 3,000 communes extend is read and hashed once). Make a new
 * instance for each build: files may have changed since.
 */
export class PlanHasher {
  private readonly files = new Map<string, Promise<FileInfo>>();
  /** `allowOutside`: follow `extends` out of the project folder (--allow-outside), as the build will */
  constructor(
    private readonly tool: string,
    private readonly allowOutside = false,
  ) {}

  private info(abs: string): Promise<FileInfo> {
    let p = this.files.get(abs);
    if (!p) {
      p = (async () => {
        // the same limits as the build's reader: a special or oversized file is its error to report, not ours to read
        const bytes = await readOrNull(abs, MAX_INPUT_BYTES);
        if (bytes === null) return { hash: "unreadable" };
        const hash = sha256(bytes);
        const text = bytes.toString("utf8");
        if (!/^\s*["']?extends["']?\s*:/m.test(text)) return { hash };
        try {
          // the YAML parser only for plans that extend another (most do not): a faster start
          const data = (await import("yaml")).parse(text) as { extends?: unknown } | null;
          const ext = data && typeof data === "object" ? data.extends : undefined;
          return { hash, parent: typeof ext === "string" && ext.trim() ? resolve(dirname(abs), ext) : undefined };
        } catch {
          return { hash }; // broken YAML: the build reports it
        }
      })();
      this.files.set(abs, p);
    }
    return p;
  }

  /** The input hash of a plan and the files it was computed from (the plan, then what it extends). */
  async plan(file: string): Promise<{ hash: string; files: string[] }> {
    const h = createHash("sha256").update(this.tool);
    const files: string[] = [];
    const root = this.allowOutside ? undefined : projectRoot(file);
    for (let abs: string | undefined = resolve(file); abs && !files.includes(abs) && files.length < 32; ) {
      files.push(abs);
      const i = await this.info(abs);
      h.update(`\0${i.hash}`);
      abs = i.parent;
      // the folder check before the parent is read, as in the build (which reports the refusal)
      if (abs !== undefined && root !== undefined && !(await isReallyInside(root, abs))) {
        h.update("\0outside");
        break;
      }
    }
    return { hash: h.digest("hex"), files };
  }
}
