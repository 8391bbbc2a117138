// Zipping a DOCX deterministically: fixed entry dates (the document's own
// date, not the clock) and a fixed order, so the same input gives the same bytes.
// fflate writes the zip; Node's zlib compresses each part (fflate's extension
// point for custom compression): native deflate costs ~1 ms where fflate's
// JavaScript deflate, still cold in a one-plan build, cost ~30 ms.
import { deflateRawSync } from "node:zlib";
import { strFromU8, strToU8, unzipSync, Zip, ZipPassThrough } from "fflate";

/** Zip timestamps cannot predate 1980; the plan date is used when it is later. */
function zipDate(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : d;
}

/** Zips package parts (path → XML text or bytes) deterministically. */
export function zipParts(parts: Map<string, string | Uint8Array>, isoDate: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of parts) files[path] = typeof data === "string" ? strToU8(data) : data;
  return zipSorted(files, isoDate);
}

/** A zipped package back into parts (XML parts as text). */
export function unzipParts(docx: Uint8Array): Map<string, string | Uint8Array> {
  const parts = new Map<string, string | Uint8Array>();
  for (const [path, data] of Object.entries(unzipSync(docx))) parts.set(path, path.endsWith(".xml") || path.endsWith(".rels") ? strFromU8(data) : data);
  return parts;
}

/** A zip entry deflated by Node's zlib; fflate computes its CRC and size from the pushed bytes. */
class NativeDeflate extends ZipPassThrough {
  constructor(filename: string, mtime: Date) {
    super(filename);
    this.compression = 8;
    this.mtime = mtime;
  }
  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk, { level: 1 }), final);
  }
}

function zipSorted(files: Record<string, Uint8Array>, isoDate: string): Uint8Array {
  const mtime = zipDate(isoDate);
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  // [Content_Types].xml first, as Word writes it; the rest in a fixed order
  const names = Object.keys(files).sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const entry = new NativeDeflate(name, mtime);
    zip.add(entry);
    entry.push(files[name]!, true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
