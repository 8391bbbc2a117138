// A small PDF object writer: numbered objects (dictionaries, arrays, numbers,
// names, strings, references, streams), a classic cross-reference table and the
// trailer. It holds only what our renderer makes (no parsing, no object
// streams, no incremental updates): pdf-lib did this before, at ~14 ms of module
// start-up and ~630 KB of bundle for a job of a hundred lines. Objects are
// written in number order with no clock or random input, so the same objects
// give the same bytes.

/** A value already in PDF syntax (a name, string or reference). */
export class Token {
  constructor(readonly pdf: string) {}
}

/** A PDF value: numbers, booleans, tokens, arrays and dictionaries (plain objects, keys are names). */
export type PdfValue = number | boolean | Token | readonly PdfValue[] | { readonly [key: string]: PdfValue };

/** An indirect object's number; `ref.pdf` is its reference ("n 0 R"). */
export class Ref extends Token {
  constructor(readonly num: number) {
    super(`${num} 0 R`);
  }
}

/** Regular characters of a name; everything else is written #xx (ISO 32000-1 7.3.5). */
const NAME_SAFE = /^[!-~]$/;
const NAME_DELIMITERS = "()<>[]{}/%#";

/** /Name, with bytes outside the regular characters (UTF-8 for non-ASCII) escaped as #xx. */
export function name(s: string): Token {
  let out = "/";
  for (const b of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(b);
    out += NAME_SAFE.test(c) && !NAME_DELIMITERS.includes(c) ? c : `#${b.toString(16).padStart(2, "0").toUpperCase()}`;
  }
  return new Token(out);
}

/** (literal string) of printable ASCII, with \ ( ) escaped. */
export function literal(s: string): Token {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new Error(`not printable ASCII: ${JSON.stringify(s)}`);
  return new Token(`(${s.replace(/[\\()]/g, "\\$&")})`);
}

/** <HEX> string of raw bytes given as hex digits. */
export function hexString(hex: string): Token {
  if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new Error(`not hex: ${hex}`);
  return new Token(`<${hex.toUpperCase()}>`);
}

/**
 * A text string (document information, ISO 32000-1 7.9.2.2): printable ASCII
 * (the same bytes in PDFDocEncoding) as a literal, anything else as UTF-16BE
 * with a byte-order mark, so Vietnamese reads back exactly.
 */
export function textString(s: string): Token {
  if (/^[\x20-\x7e]*$/.test(s)) return literal(s);
  let hex = "FEFF";
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, "0");
  return hexString(hex);
}

/** A date string D:YYYYMMDDHHmmSSZ in UTC (ISO 32000-1 7.9.4). */
export function dateString(d: Date): Token {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new Error("invalid date");
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return literal(`D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`);
}

/** A real or integer in PDF syntax: plain decimal notation, never an exponent. */
export function pdfNumber(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) throw new Error(`not a PDF number: ${n}`);
  const s = String(n);
  if (!s.includes("e")) return s;
  // tiny values (1e-7): fixed notation, trailing zeros dropped
  const fixed = n.toFixed(10).replace(/\.?0+$/, "");
  return fixed === "-0" ? "0" : fixed;
}

/** A value in PDF syntax. Dictionaries keep their keys' insertion order. */
export function serialize(v: PdfValue): string {
  if (typeof v === "number") return pdfNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Token) return v.pdf;
  if (Array.isArray(v)) return `[${v.map(serialize).join(" ")}]`;
  const entries: string[] = [];
  for (const [k, val] of Object.entries(v)) entries.push(`${name(k).pdf} ${serialize(val)}`);
  return `<<${entries.join(" ")}>>`;
}

const latin1 = (s: string) => Buffer.from(s, "latin1");

/** The objects of one PDF file, numbered from 1; `finish` writes the file. */
export class PdfWriter {
  private readonly bodies: (Buffer[] | undefined)[] = [];

  /** Reserves a number for an object written later (a page's parent before its pages). */
  reserve(): Ref {
    this.bodies.push(undefined);
    return new Ref(this.bodies.length);
  }

  /** Adds an object; returns its reference. */
  add(value: PdfValue): Ref {
    const ref = this.reserve();
    this.set(ref, value);
    return ref;
  }

  /** Writes the value of a reserved object. */
  set(ref: Ref, value: PdfValue): void {
    this.put(ref, [latin1(`${ref.num} 0 obj\n${serialize(value)}\nendobj\n`)]);
  }

  /** Adds a stream object: `dict` plus /Length of `data`, written as given (already encoded). */
  stream(dict: Record<string, PdfValue>, data: Uint8Array): Ref {
    const ref = this.reserve();
    const head = latin1(`${ref.num} 0 obj\n${serialize({ ...dict, Length: data.length })}\nstream\n`);
    this.put(ref, [head, Buffer.from(data.buffer, data.byteOffset, data.byteLength), latin1("\nendstream\nendobj\n")]);
    return ref;
  }

  private put(ref: Ref, parts: Buffer[]): void {
    if (ref.num < 1 || ref.num > this.bodies.length) throw new Error(`no object ${ref.num}`);
    if (this.bodies[ref.num - 1]) throw new Error(`object ${ref.num} written twice`);
    this.bodies[ref.num - 1] = parts;
  }

  /**
   * The file: header (version and a binary comment, so that transfer tools
   * treat it as binary), the objects in number order, the cross-reference
   * table, the trailer with `trailer`'s entries after /Size, and startxref.
   */
  finish(trailer: Record<string, PdfValue>): Uint8Array {
    const parts: Buffer[] = [latin1("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
    let offset = parts[0]!.length;
    const offsets: number[] = [];
    for (const [i, body] of this.bodies.entries()) {
      if (!body) throw new Error(`object ${i + 1} reserved but never written`);
      offsets.push(offset);
      for (const b of body) {
        parts.push(b);
        offset += b.length;
      }
    }
    const size = this.bodies.length + 1;
    // each entry exactly 20 bytes: 10-digit offset, 5-digit generation, type, space + LF
    let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (const o of offsets) xref += `${String(o).padStart(10, "0")} 00000 n \n`;
    xref += `trailer\n${serialize({ Size: size, ...trailer })}\nstartxref\n${offset}\n%%EOF\n`;
    parts.push(latin1(xref));
    return Buffer.concat(parts);
  }
}
