// Zipping a DOCX deterministically: fixed entry dates (the document's own
// date in UTC, not the clock or the time zone) and a fixed order, so the same
// input gives the same bytes. Parts are deflated by Node's zlib; a part that
// is the same for every plan of a family (styles, settings, headers…) comes
// already deflated from the skeleton cache (index.ts), so a build deflates
// only what the plan wrote. The container itself is a few fixed-size
// records (APPNOTE 6.3: local headers, central directory, end record), written
// here rather than through fflate, whose start-up (its deflate and inflate
// tables) cost ~10 ms of a cold one-plan build for a format this small.
import { crc32 as nodeCrc32, deflateRawSync } from "node:zlib";

/** A part compressed ahead of time: raw deflate data, with the CRC-32 and length of the bytes it holds. */
export interface DeflatedPart {
  deflated: Uint8Array;
  crc: number;
  size: number;
}

export type PartData = string | Uint8Array | DeflatedPart;

const isDeflated = (v: PartData): v is DeflatedPart => typeof v === "object" && "deflated" in v;

let table: Int32Array | undefined;
/** CRC-32 (IEEE) for Node before 20.15, which has no zlib.crc32. */
function jsCrc32(data: Uint8Array): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
const crc32: (data: Uint8Array) => number = typeof nodeCrc32 === "function" ? (d) => nodeCrc32(d) : jsCrc32;

const bytesOf = (v: string | Uint8Array): Uint8Array => (typeof v === "string" ? Buffer.from(v, "utf8") : v);

/** Deflates a part now (level 1: the plan's own parts, made at every build). */
export function deflatePart(v: string | Uint8Array, level = 1): DeflatedPart {
  const data = bytesOf(v);
  return { deflated: deflateRawSync(data, { level }), crc: crc32(data), size: data.length };
}

/** Zip timestamps cannot predate 1980; the plan date is used when it is later. MS-DOS date and time, UTC. */
function dosDateTime(iso: string): { date: number; time: number } {
  const d = new Date(iso);
  const ok = !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1980 && d.getUTCFullYear() <= 2107;
  if (!ok) return { date: (0 << 9) | (1 << 5) | 1, time: 0 };
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

/** [Content_Types].xml first, as Word writes it; the rest by name. */
function partOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "[Content_Types].xml") return -1;
  if (b === "[Content_Types].xml") return 1;
  return a < b ? -1 : 1;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** 2.0: deflate */
const VERSION = 20;
/** bit 11: names are UTF-8 */
const UTF8 = 0x0800;
const DEFLATE = 8;

/** Zips package parts (path → XML text, bytes, or bytes deflated already) deterministically. */
export function zipParts(parts: Map<string, PartData>, isoDate: string): Uint8Array {
  const { date, time } = dosDateTime(isoDate);
  const names = [...parts.keys()].sort(partOrder);
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const v = parts.get(name)!;
    const part = isDeflated(v) ? v : deflatePart(v);
    const nameBytes = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(CENTRAL, 0);
    entry.writeUInt16LE(VERSION, 4);
    entry.writeUInt16LE(VERSION, 6);
    local.copy(entry, 8, 6, 30); // flags … name length, extra length: as in the local header
    // comment length, disk, internal and external attributes: 0
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    chunks.push(local, nameBytes, part.deflated);
    offset += local.length + nameBytes.length + part.deflated.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}
