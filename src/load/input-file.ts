// Reading an input file safely: only regular files (a FIFO would block forever,
// /dev/zero never ends), the size limit checked before a byte is read, and the
// bytes decoded as strict UTF-8 (a Windows-1258 file or a UTF-16 one is refused
// with the place of the first bad byte, never printed as "Pha�m").
import { constants, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { UserError } from "../errors.ts";

export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
/** a plan to import (DOCX, PDF) may carry pictures and fonts: larger than any YAML plan, still bounded */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** A file-system failure while reading an input, as the user error that explains it. */
export function inputError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  const at = { location: { file } };
  if (code === "ENOENT") return new UserError("E_FILE_NOT_FOUND", "Không tìm thấy tệp (file not found)", at);
  if (code === "EISDIR") return new UserError("E_FILE_READ", "Đây là thư mục, không phải tệp (is a directory)", at);
  if (code === "EACCES" || code === "EPERM") return new UserError("E_FILE_PERMISSION", "Không có quyền đọc tệp (permission denied)", at);
  return new UserError("E_FILE_READ", `Không đọc được tệp (cannot read): ${code ?? (e as Error).message}`, at);
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return "thư mục (directory)";
  if (s.isFIFO()) return "ống dẫn FIFO (named pipe)";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "thiết bị (device)";
  if (s.isSocket()) return "socket";
  return "tệp đặc biệt (special file)";
}

/**
 * The bytes of a regular file of at most `limit` bytes. The file is opened
 * without blocking (a FIFO with no writer would otherwise hang here) and
 * checked through its open handle, so what is checked is what is read.
 */
export async function readRegularFile(file: string, limit = MAX_INPUT_BYTES): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw inputError(file, e);
  }
  try {
    const s = await fh.stat();
    if (!s.isFile()) {
      if (s.isDirectory()) throw inputError(file, Object.assign(new Error("directory"), { code: "EISDIR" }));
      throw new UserError("E_FILE_READ", "Không phải tệp thường: chỉ đọc tệp văn bản thường (not a regular file)", { location: { file }, expected: "tệp thường (regular file)", found: kindOf(s) });
    }
    if (s.size > limit) throw tooLarge(file, limit, `${s.size} byte`);
    // the file may grow while it is read: never read past the limit
    // not zero-filled: only the bytes read are returned, and filling fresh pages first costs time
    const buf = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(s.size, 0) + 1));
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) break;
    }
    if (n > limit) throw tooLarge(file, limit, `> ${limit} byte`);
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw inputError(file, e);
  } finally {
    await fh.close().catch(() => {});
  }
}

function tooLarge(file: string, limit: number, found: string): UserError {
  return new UserError("E_FILE_TOO_LARGE", "Tệp quá lớn (file too large)", { location: { file }, expected: `≤ ${limit} byte`, found });
}

const SAVE_AS_UTF8 = "hãy lưu lại tệp dưới dạng UTF-8 (save the file as UTF-8)";

/** Byte-order marks of the encodings people save YAML in by mistake; UTF-32 first (its LE mark starts like UTF-16's). */
const BOMS: [number[], string][] = [
  [[0xff, 0xfe, 0x00, 0x00], "UTF-32 LE"],
  [[0x00, 0x00, 0xfe, 0xff], "UTF-32 BE"],
  [[0xff, 0xfe], "UTF-16 LE"],
  [[0xfe, 0xff], "UTF-16 BE"],
];

/** Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Strict UTF-8 → text; a UTF-8 byte-order mark is dropped, any other encoding is refused with its place. */
export function decodeUtf8(file: string, b: Uint8Array): string {
  for (const [mark, name] of BOMS) {
    if (mark.every((x, i) => b[i] === x)) {
      throw new UserError("E_ENCODING", `Tệp được lưu dạng ${name} (có dấu BOM), không phải UTF-8: ${SAVE_AS_UTF8}`, {
        location: { file, line: 1, col: 1 },
        expected: "UTF-8",
        found: name,
      });
    }
  }
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const body = b.subarray(start);
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const before = Buffer.from(body.subarray(0, bad)).toString("utf8");
    const lines = before.split("\n");
    const line = lines.length;
    const col = [...lines[lines.length - 1]!].length + 1;
    const bytes = [...body.subarray(bad, bad + 4)].map((x) => x.toString(16).toUpperCase().padStart(2, "0")).join(" ");
    throw new UserError("E_ENCODING", `Tệp không phải UTF-8 hợp lệ (invalid UTF-8; Windows-1258, Latin-1?): ${SAVE_AS_UTF8}`, {
      location: { file, line, col },
      expected: "văn bản UTF-8",
      found: `byte ${bytes}`,
    });
  }
  return Buffer.from(body).toString("utf8");
}

/** A plan or other YAML input: a regular file, within the size limit, valid UTF-8. */
export async function readTextFile(file: string): Promise<string> {
  return decodeUtf8(file, await readRegularFile(file));
}
