// Font resolution and the per-process font cache.
//
// Each face is read and parsed once per process by our own sfnt reader
// (sfnt.ts: glyph data; sfnt-info.ts: cmap, names, metrics). Code point →
// glyph id lookups are cached in flat arrays: layout asks for every character
// of the plan.
import { readdirSync, type Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { readRegularFile } from "../../load/input-file.ts";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { TEMPLATES_DIR } from "../../paths.ts";
import { UserError } from "../../errors.ts";
import { GlyphSource, sfntKind } from "./sfnt.ts";
import { Cmap, readFaceInfo } from "./sfnt-info.ts";

export type FaceKey = "regular" | "bold" | "italic" | "boldItalic";
export const FACE_KEYS: readonly FaceKey[] = ["regular", "bold", "italic", "boldItalic"];
const FACE_LABEL: Record<FaceKey, string> = {
  regular: "thường (regular)",
  bold: "đậm (bold)",
  italic: "nghiêng (italic)",
  boldItalic: "đậm nghiêng (bold italic)",
};

/** One font face, parsed once; metrics are in 1/1000 em (PDF glyph space). */
export class Face {
  readonly key: FaceKey;
  readonly file: string;
  /** PostScript name, sanitised for a PDF name object */
  readonly psName: string;
  readonly family: string;
  readonly glyphs: GlyphSource;
  /** advances already asked for, in 1/1000 em (NaN: not yet) */
  private readonly advances: Float64Array;
  private readonly perUnit: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly bbox: [number, number, number, number];
  readonly underlinePosition: number;
  readonly underlineThickness: number;
  readonly stemV: number;
  readonly flags: number;
  /**
   * glyph id + 1 per BMP code point: 0 = not looked up yet, 1 = missing. Zero
   * means unknown so that the array is never filled: a plan touches a few of
   * its 64 pages (Latin, Vietnamese, punctuation), not all 256 KB.
   */
  private readonly bmp = new Int32Array(0x10000);
  private readonly astral = new Map<number, number>();
  private readonly hex: string[] = [];
  private readonly cmap: Cmap;

  constructor(key: FaceKey, file: string, bytes: Uint8Array) {
    this.key = key;
    this.file = file;
    this.glyphs = new GlyphSource(bytes);
    this.cmap = new Cmap(bytes, this.glyphs.tables);
    const info = readFaceInfo(bytes, this.glyphs.tables);
    const k = 1000 / info.unitsPerEm;
    const r = (v: number) => Math.round(v * k * 1000) / 1000;
    this.perUnit = k;
    this.advances = new Float64Array(this.glyphs.numGlyphs).fill(NaN);
    this.psName = (info.postscriptName ?? basename(file).replace(/\.ttf$/i, "")).replace(/[^A-Za-z0-9_.-]/g, "");
    this.family = info.familyName ?? this.psName;
    this.ascent = r(info.ascent);
    this.descent = r(info.descent);
    this.capHeight = r(info.capHeight || info.ascent);
    this.italicAngle = info.italicAngle;
    const b = info.bbox;
    this.bbox = [r(b.minX), r(b.minY), r(b.maxX), r(b.maxY)];
    this.underlinePosition = r(info.underlinePosition);
    this.underlineThickness = r(info.underlineThickness || 50);
    const weight = info.weight ?? 400;
    this.stemV = Math.round(50 + (weight / 65) ** 2);
    // serif (2) + symbolic (4, required for Identity-encoded CID fonts) + italic (64)
    this.flags = 2 | 4 | (this.italicAngle !== 0 || key === "italic" || key === "boldItalic" ? 64 : 0);
  }

  /** The advance of a glyph in 1/1000 em, rounded to 3 decimals: the /W values. */
  adv(gid: number): number {
    let a = this.advances[gid]!;
    if (Number.isNaN(a)) {
      a = Math.round(this.glyphs.advance(gid) * this.perUnit * 1000) / 1000;
      this.advances[gid] = a;
    }
    return a;
  }

  /** Glyph id of a code point, 0 if the font lacks it. */
  gid(cp: number): number {
    if (cp < 0x10000) {
      const g = this.bmp[cp]!;
      if (g > 0) return g - 1;
      const found = this.lookup(cp);
      this.bmp[cp] = found + 1;
      return found;
    }
    let g = this.astral.get(cp);
    if (g === undefined) {
      g = this.lookup(cp);
      this.astral.set(cp, g);
    }
    return g;
  }

  private lookup(cp: number): number {
    return this.cmap.lookup(cp);
  }

  /** 4-digit hex of a glyph id, for <...> strings in content streams */
  hexOf(gid: number): string {
    let h = this.hex[gid];
    if (h === undefined) {
      h = gid.toString(16).padStart(4, "0");
      this.hex[gid] = h;
    }
    return h;
  }
}

export interface FontSet {
  /** family name shown to the user, e.g. "Times New Roman" or "Tinos" */
  name: string;
  /** where the faces came from (a directory) */
  source: string;
  faces: Record<FaceKey, Face>;
}

/** Whether all four faces have the character: what a plan may use and still print. */
export function hasGlyph(fonts: FontSet, codePoint: number): boolean {
  return Object.values(fonts.faces).every((f) => f.gid(codePoint) !== 0);
}

export function faceFor(fonts: FontSet, bold: boolean, italic: boolean): Face {
  return fonts.faces[bold ? (italic ? "boldItalic" : "bold") : italic ? "italic" : "regular"];
}

// ---------------------------------------------------------------------------
// Resolution: explicit dir → Times New Roman on the system → bundled Tinos.

type Family = "tnr" | "tinos" | "liberation";
const FAMILY_PREFIX: [Family, string][] = [
  ["tnr", "timesnewroman"],
  ["tinos", "tinos"],
  ["liberation", "liberationserif"],
];
const STYLE_SUFFIX: Record<string, FaceKey> = {
  "": "regular",
  regular: "regular",
  roman: "regular",
  bold: "bold",
  italic: "italic",
  bolditalic: "boldItalic",
  italicbold: "boldItalic",
};
const WINDOWS_NAMES: Record<string, FaceKey> = { times: "regular", timesbd: "bold", timesi: "italic", timesbi: "boldItalic" };

/** Which family and face a font file name denotes, if any. */
export function classifyFontFile(name: string): { family: Family; face: FaceKey } | undefined {
  const lower = name.toLowerCase();
  if (!lower.endsWith(".ttf")) return undefined;
  const stem = lower.slice(0, -4).replace(/[\s_-]+/g, "");
  const win = WINDOWS_NAMES[stem];
  if (win) return { family: "tnr", face: win };
  for (const [family, prefix] of FAMILY_PREFIX) {
    if (!stem.startsWith(prefix)) continue;
    const face = STYLE_SUFFIX[stem.slice(prefix.length).replace(/^(ps|mt)+/, "").replace(/(ps)?mt$/, "")];
    if (face) return { family, face };
  }
  return undefined;
}

type Found = Map<Family, Partial<Record<FaceKey, string>>>;

function collect(found: Found, dir: string, names: string[]): void {
  for (const n of [...names].sort()) {
    const c = classifyFontFile(n);
    if (!c) continue;
    const fam = found.get(c.family) ?? {};
    fam[c.face] ??= join(dir, n);
    found.set(c.family, fam);
  }
}

function complete(fam: Partial<Record<FaceKey, string>> | undefined): Record<FaceKey, string> | undefined {
  return fam && FACE_KEYS.every((k) => fam[k]) ? (fam as Record<FaceKey, string>) : undefined;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Where an installed Times New Roman may live: folders searched with their subfolders (`depth` levels). */
function systemFontRoots(): [dirs: string[], depth: number] {
  const home = homedir();
  if (process.platform === "win32") {
    const win = process.env.WINDIR ?? "C:\\Windows";
    const dirs = [join(win, "Fonts")];
    if (process.env.LOCALAPPDATA) dirs.push(join(process.env.LOCALAPPDATA, "Microsoft", "Windows", "Fonts"));
    return [dirs, 0];
  }
  if (process.platform === "darwin") {
    return [["/Library/Fonts", "/System/Library/Fonts/Supplemental", "/Library/Fonts/Microsoft", join(home, "Library/Fonts")], 0];
  }
  return [["/usr/share/fonts", "/usr/local/share/fonts", join(home, ".local/share/fonts"), join(home, ".fonts")], 4];
}

/**
 * The first complete Times New Roman in `dirs` (each searched `depth` levels
 * down, folders in name order). Synchronous, and each folder read once: the
 * search runs at every start of a PDF build, and awaiting one readdir after
 * another cost ~10 ms on a Linux with few fonts.
 */
function findSystemTimes(dirs: readonly string[], depth: number): Record<FaceKey, string> | undefined {
  const found: Found = new Map();
  const search = (d: string, left: number): Record<FaceKey, string> | undefined => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return undefined;
    }
    collect(
      found,
      d,
      entries.filter((e) => !e.isDirectory()).map((e) => e.name),
    );
    const tnr = complete(found.get("tnr"));
    if (tnr || left === 0) return tnr;
    for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const sub = search(join(d, e.name), left - 1);
      if (sub) return sub;
    }
    return undefined;
  };
  for (const d of dirs) {
    const tnr = search(d, depth);
    if (tnr) return tnr;
  }
  return undefined;
}

async function fromDir(dir: string): Promise<Record<FaceKey, string>> {
  const abs = resolve(dir);
  const isDir = await stat(abs).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    throw new UserError("E_FONT", `Không tìm thấy thư mục phông chữ "${dir}"`, { expected: "một thư mục chứa 4 tệp .ttf" });
  }
  const names = await listDir(abs);
  const found: Found = new Map();
  collect(found, abs, names);
  for (const [family] of FAMILY_PREFIX) {
    const c = complete(found.get(family));
    if (c) return c;
  }
  // report the family that came closest
  let best: Partial<Record<FaceKey, string>> = {};
  for (const [family] of FAMILY_PREFIX) {
    const f = found.get(family) ?? {};
    if (Object.keys(f).length > Object.keys(best).length) best = f;
  }
  const missing = FACE_KEYS.filter((k) => !best[k]).map((k) => FACE_LABEL[k]);
  const ttfs = names.filter((n) => n.toLowerCase().endsWith(".ttf"));
  throw new UserError("E_FONT", `Thư mục phông chữ "${dir}" thiếu kiểu chữ: ${missing.join(", ")}`, {
    expected: "4 tệp TrueType: thường, đậm, nghiêng, đậm nghiêng (vd. times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf hoặc Tinos-Regular.ttf …)",
    found: ttfs.length ? ttfs.join(", ") : "không có tệp .ttf",
  });
}

/** The Tinos faces shipped in templates/fonts/tinos, found from this module's location. */
function bundledTinos(): Record<FaceKey, string> {
  const dir = join(TEMPLATES_DIR, "fonts", "tinos");
  return {
    regular: join(dir, "Tinos-Regular.ttf"),
    bold: join(dir, "Tinos-Bold.ttf"),
    italic: join(dir, "Tinos-Italic.ttf"),
    boldItalic: join(dir, "Tinos-BoldItalic.ttf"),
  };
}

/** larger than any real font (Times New Roman ≈ 1 MB, CJK fonts ≈ 20 MB) */
const MAX_FONT_BYTES = 64 * 1024 * 1024;

async function loadFace(key: FaceKey, file: string): Promise<Face> {
  let bytes: Uint8Array;
  try {
    // a regular file of sane size only: a FIFO or device named *.ttf must not hang the build
    // a plain Uint8Array over the Buffer's memory (Buffer#slice would not copy, Uint8Array#slice does);
    // copying four ~550 KB files cost ~10 ms of fresh memory
    const b = await readRegularFile(file, MAX_FONT_BYTES);
    bytes = new Uint8Array(b.buffer, b.byteOffset, b.length);
  } catch (e) {
    throw new UserError("E_FONT", `Không đọc được tệp phông chữ "${file}"${e instanceof UserError ? `: ${e.message}` : ""}`);
  }
  const kind = sfntKind(bytes);
  if (kind !== "truetype") {
    throw new UserError("E_FONT", `Tệp phông chữ "${file}" không phải phông TrueType (.ttf) đơn`, {
      expected: "phông TrueType có bảng glyf",
      found: kind === "cff" ? "OpenType CFF" : kind === "collection" ? "bộ phông .ttc" : "định dạng lạ",
    });
  }
  try {
    return new Face(key, file, bytes);
  } catch (e) {
    throw new UserError("E_FONT", `Tệp phông chữ "${file}" hỏng hoặc không dùng được: ${(e as Error).message}`);
  }
}

const cache = new Map<string, Promise<FontSet>>();
/** the system search walks font folders: once per process */
let systemTimes: { found: Record<FaceKey, string> | undefined } | undefined;

/**
 * The four face files the PDF will use (--font-dir, else Times New Roman, else
 * Tinos), found but not read. systemDirs: where to look for Times New Roman
 * instead of the system's font folders (tests).
 */
export async function findFontFiles(opts: { fontDir?: string | undefined; systemDirs?: readonly string[] } = {}): Promise<Record<FaceKey, string>> {
  if (opts.fontDir) return fromDir(opts.fontDir);
  const system = opts.systemDirs ? findSystemTimes(opts.systemDirs, 0) : (systemTimes ??= { found: findSystemTimes(...systemFontRoots()) }).found;
  return system ?? bundledTinos();
}

/**
 * Finds and parses the four faces. Cached per set of files: a process parses
 * each font file at most once however many documents it renders.
 */
export async function loadFonts(opts: { fontDir?: string | undefined; systemDirs?: readonly string[] } = {}): Promise<FontSet> {
  const files = await findFontFiles(opts);
  const key = FACE_KEYS.map((k) => files[k]).join("\n");
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const faces = await Promise.all(FACE_KEYS.map((k) => loadFace(k, files[k])));
      const [regular, bold, italic, boldItalic] = faces as [Face, Face, Face, Face];
      return {
        name: regular.family,
        source: dirname(files.regular),
        faces: { regular, bold, italic, boldItalic },
      };
    })();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
