// docx writes the clock into docProps/core.xml and into every zip entry:
// rewrite both from the document's own date so the same input gives the
// same bytes.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

/** Zip timestamps cannot predate 1980; the plan date is used when it is later. */
function zipDate(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : d;
}

function fixCoreDates(xml: string, isoDate: string): string {
  return xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${isoDate.replace(/\.\d+Z$/, "Z")}$2`);
}

/** Zips package parts (path → XML text or bytes) deterministically. */
export function zipParts(parts: Map<string, string | Uint8Array>, isoDate: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, data] of parts) {
    const text = typeof data === "string" ? (path === "docProps/core.xml" ? fixCoreDates(data, isoDate) : data) : undefined;
    files[path] = text === undefined ? (data as Uint8Array) : strToU8(text);
  }
  return zipSorted(files, isoDate);
}

export function makeDeterministic(docx: Uint8Array, isoDate: string): Uint8Array {
  const files = unzipSync(docx);
  const core = files["docProps/core.xml"];
  if (core) files["docProps/core.xml"] = strToU8(fixCoreDates(strFromU8(core), isoDate));
  return zipSorted(files, isoDate);
}

function zipSorted(files: Record<string, Uint8Array>, isoDate: string): Uint8Array {
  const mtime = zipDate(isoDate);
  const out: Zippable = {};
  // [Content_Types].xml first, as Word writes it; the rest in a fixed order
  const names = Object.keys(files).sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) out[name] = [files[name]!, { mtime, level: 6 }];
  return zipSync(out);
}
