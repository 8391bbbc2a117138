// Zipping a DOCX deterministically: fixed entry dates (the document's own
// date, not the clock) and a fixed order, so the same input gives the same bytes.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

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

function zipSorted(files: Record<string, Uint8Array>, isoDate: string): Uint8Array {
  const mtime = zipDate(isoDate);
  const out: Zippable = {};
  // [Content_Types].xml first, as Word writes it; the rest in a fixed order
  const names = Object.keys(files).sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) out[name] = [files[name]!, { mtime, level: 1 }];
  return zipSync(out);
}
