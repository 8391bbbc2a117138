// Minimal TrueType (sfnt) reading and subsetting, written by hand because
// fontkit's subsetter re-parses and re-encodes the font on every document
// (slow) and gives no control over the subset's name.
//
// The subset keeps original glyph ids ("retain gids"): unused glyphs become
// empty outlines, so our content streams can use the ids the cmap gave us and
// the CIDFont can say /CIDToGIDMap /Identity. Only the tables a PDF viewer
// needs for an embedded CIDFontType2 are written (PDF 32000-1 §9.9: head, hhea,
// loca, maxp, cvt, prep, glyf, hmtx, fpgm), as fontkit's own subsetter does.

export interface TableRecord {
  offset: number;
  length: number;
}

/** Reads the table directory of a plain TrueType font (not a collection, not CFF). */
export function readTableDirectory(bytes: Uint8Array): Map<string, TableRecord> {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = dv.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
    tables.set(tag, { offset: dv.getUint32(rec + 8), length: dv.getUint32(rec + 12) });
  }
  return tables;
}

/** "true"/0x00010000 = TrueType outlines; "OTTO" = CFF; "ttcf" = collection. */
export function sfntKind(bytes: Uint8Array): "truetype" | "cff" | "collection" | "unknown" {
  if (bytes.length < 12) return "unknown";
  const tag = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (tag === "\0\x01\0\0" || tag === "true") return "truetype";
  if (tag === "OTTO") return "cff";
  if (tag === "ttcf") return "collection";
  return "unknown";
}

/** Parsed font data the subsetter needs; built once per face per process. */
export class GlyphSource {
  readonly bytes: Uint8Array;
  readonly tables: Map<string, TableRecord>;
  readonly numGlyphs: number;
  readonly numHMetrics: number;
  private readonly dv: DataView;
  private readonly components = new Map<number, number[]>();
  // read on demand: a document uses a few hundred of the font's thousands of glyphs, and
  // copying every offset and advance up front was most of a cold start's font time
  private readonly locaTable: number;
  private readonly longLoca: boolean;
  private readonly glyfTable: number;
  private readonly hmtxTable: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.tables = readTableDirectory(bytes);
    for (const t of ["head", "hhea", "hmtx", "loca", "maxp", "glyf"]) {
      if (!this.tables.has(t)) throw new Error(`font lacks the '${t}' table`);
    }
    const head = this.table("head");
    const maxp = this.table("maxp");
    const hhea = this.table("hhea");
    this.numGlyphs = this.dv.getUint16(maxp.offset + 4);
    this.numHMetrics = this.dv.getUint16(hhea.offset + 34);
    this.longLoca = this.dv.getInt16(head.offset + 50) === 1;
    this.locaTable = this.table("loca").offset;
    this.glyfTable = this.table("glyf").offset;
    this.hmtxTable = this.table("hmtx").offset;
    // the tables must hold what they claim: a short table is a broken font, said now rather than mid-document
    if (this.locaTable + (this.numGlyphs + 1) * (this.longLoca ? 4 : 2) > bytes.byteLength) throw new Error("the 'loca' table is shorter than the glyph count");
    if (this.hmtxTable + this.numHMetrics * 4 > bytes.byteLength || this.numHMetrics === 0) throw new Error("the 'hmtx' table is shorter than its metrics count");
  }

  /** The byte offset of glyph `i` in the font file (i = numGlyphs: the end of the last glyph). */
  loca(i: number): number {
    return this.glyfTable + (this.longLoca ? this.dv.getUint32(this.locaTable + i * 4) : this.dv.getUint16(this.locaTable + i * 2) * 2);
  }

  /** The advance width of a glyph in font units (glyphs past the metrics share the last one). */
  advance(gid: number): number {
    return this.dv.getUint16(this.hmtxTable + Math.min(gid, this.numHMetrics - 1) * 4);
  }

  table(tag: string): TableRecord {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font lacks the '${tag}' table`);
    return t;
  }

  slice(tag: string): Uint8Array | undefined {
    const t = this.tables.get(tag);
    return t ? this.bytes.subarray(t.offset, t.offset + t.length) : undefined;
  }

  /** Glyph ids a composite glyph refers to (empty for simple glyphs). */
  componentsOf(gid: number): number[] {
    const cached = this.components.get(gid);
    if (cached) return cached;
    const out: number[] = [];
    const start = this.loca(gid);
    const end = this.loca(gid + 1);
    if (end - start >= 10 && this.dv.getInt16(start) < 0) {
      let p = start + 10;
      for (;;) {
        const flags = this.dv.getUint16(p);
        out.push(this.dv.getUint16(p + 2));
        p += 4 + (flags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
        if (flags & 0x0008) p += 2; // WE_HAVE_A_SCALE
        else if (flags & 0x0040) p += 4; // WE_HAVE_AN_X_AND_Y_SCALE
        else if (flags & 0x0080) p += 8; // WE_HAVE_A_TWO_BY_TWO
        if (!(flags & 0x0020)) break; // MORE_COMPONENTS
      }
    }
    this.components.set(gid, out);
    return out;
  }

  /** Used glyphs plus .notdef plus every component of composite glyphs, sorted. */
  closure(used: Iterable<number>): number[] {
    const set = new Set<number>([0]);
    const stack = [...used];
    while (stack.length) {
      const g = stack.pop()!;
      if (set.has(g) || g >= this.numGlyphs) continue;
      set.add(g);
      for (const c of this.componentsOf(g)) if (!set.has(c)) stack.push(c);
    }
    return [...set].sort((a, b) => a - b);
  }

  /**
   * A standalone TrueType file containing only `glyphs` (a sorted closure);
   * every other glyph id up to the highest one kept is an empty outline.
   */
  subset(glyphs: number[]): Uint8Array {
    const n = glyphs[glyphs.length - 1]! + 1;
    const keep = new Uint8Array(n);
    let glyfLen = 0;
    for (const g of glyphs) {
      keep[g] = 1;
      glyfLen += pad4(this.loca(g + 1) - this.loca(g));
    }
    const glyf = new Uint8Array(glyfLen);
    const loca = new Uint8Array((n + 1) * 4);
    const locaDv = new DataView(loca.buffer);
    let off = 0;
    for (let g = 0; g < n; g++) {
      locaDv.setUint32(g * 4, off);
      if (!keep[g]) continue;
      const s = this.loca(g);
      const e = this.loca(g + 1);
      glyf.set(this.bytes.subarray(s, e), off);
      off += pad4(e - s);
    }
    locaDv.setUint32(n * 4, off);

    const nh = Math.min(this.numHMetrics, n);
    const hmtxSrc = this.table("hmtx").offset;
    const hmtxLen = nh * 4 + (n - nh) * 2;
    const hmtx = this.bytes.slice(hmtxSrc, hmtxSrc + hmtxLen);

    const head = this.slice("head")!.slice();
    const headDv = new DataView(head.buffer);
    headDv.setUint32(8, 0); // checkSumAdjustment, set below
    headDv.setInt16(50, 1); // indexToLocFormat: long offsets
    const hhea = this.slice("hhea")!.slice();
    new DataView(hhea.buffer).setUint16(34, nh);
    const maxp = this.slice("maxp")!.slice();
    new DataView(maxp.buffer).setUint16(4, n);

    const tables: [string, Uint8Array][] = [
      ["cvt ", this.slice("cvt ")],
      ["fpgm", this.slice("fpgm")],
      ["glyf", glyf],
      ["head", head],
      ["hhea", hhea],
      ["hmtx", hmtx],
      ["loca", loca],
      ["maxp", maxp],
      ["prep", this.slice("prep")],
    ].filter((t): t is [string, Uint8Array] => t[1] !== undefined);
    return assemble(tables);
  }
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function checksum(bytes: Uint8Array, start: number, length: number): number {
  let sum = 0;
  const end = start + length;
  let i = start;
  for (; i + 3 < end; i += 4) {
    sum = (sum + ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!)) >>> 0;
  }
  if (i < end) {
    let last = 0;
    for (let k = 0; k < 4; k++) last = (last << 8) | (i + k < end ? bytes[i + k]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** Writes an sfnt file from tables given in ascending tag order. */
function assemble(tables: [string, Uint8Array][]): Uint8Array {
  const num = tables.length;
  let total = 12 + num * 16;
  for (const [, data] of tables) total += pad4(data.length);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x00010000);
  dv.setUint16(4, num);
  const es = Math.floor(Math.log2(num));
  dv.setUint16(6, 16 * 2 ** es);
  dv.setUint16(8, es);
  dv.setUint16(10, num * 16 - 16 * 2 ** es);
  let off = 12 + num * 16;
  let headOff = -1;
  tables.forEach(([tag, data], i) => {
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    out.set(data, off);
    dv.setUint32(rec + 4, checksum(out, off, data.length));
    dv.setUint32(rec + 8, off);
    dv.setUint32(rec + 12, data.length);
    if (tag === "head") headOff = off;
    off += pad4(data.length);
  });
  if (headOff >= 0) dv.setUint32(headOff + 8, (0xb1b0afba - checksum(out, 0, total)) >>> 0);
  return out;
}
