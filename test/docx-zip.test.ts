// The DOCX container: a zip any reader opens, entries in Word's order, dates
// from the plan (UTC, whatever the time zone), CRCs that match the contents,
// and parts deflated ahead of time (the skeleton's) stored as they are.
import { crc32 } from "node:zlib";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { deflatePart, zipParts } from "../src/render/docx/zip.ts";

/** name → [DOS date, DOS time, CRC] from the central directory */
function centralEntries(zip: Uint8Array): Map<string, [number, number, number]> {
  const b = Buffer.from(zip);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const out = new Map<string, [number, number, number]>();
  for (let i = 0; i < count; i++) {
    expect(b.readUInt32LE(at)).toBe(0x02014b50);
    const nameLen = b.readUInt16LE(at + 28);
    const name = b.subarray(at + 46, at + 46 + nameLen).toString("utf8");
    out.set(name, [b.readUInt16LE(at + 14), b.readUInt16LE(at + 12), b.readUInt32LE(at + 16)]);
    at += 46 + nameLen + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return out;
}

describe("the DOCX zip", () => {
  const text = "Kế hoạch thực hiện: Đ đ ơ ư ệ ữ ở Ỷ";
  const parts = new Map<string, string | Uint8Array | ReturnType<typeof deflatePart>>([
    ["word/document.xml", `<w:t>${text}</w:t>`],
    ["word/styles.xml", deflatePart("<w:styles>Times New Roman</w:styles>", 9)],
    ["[Content_Types].xml", "<Types/>"],
    ["_rels/.rels", new Uint8Array([60, 47, 62])],
  ]);

  it("opens in another reader with every part as it was, [Content_Types].xml first", () => {
    const zip = zipParts(parts, "2024-03-05T23:30:40.000Z");
    const read = unzipSync(zip);
    expect(Object.keys(read)).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]);
    expect(strFromU8(read["word/document.xml"]!)).toBe(`<w:t>${text}</w:t>`);
    expect(strFromU8(read["word/styles.xml"]!)).toBe("<w:styles>Times New Roman</w:styles>");
    expect([...read["_rels/.rels"]!]).toEqual([60, 47, 62]);
  });

  it("dates every entry with the plan's date in UTC and records each part's CRC-32", () => {
    const saved = process.env.TZ;
    process.env.TZ = "Asia/Ho_Chi_Minh"; // 23:30 UTC is the next morning there
    try {
      const zip = zipParts(parts, "2024-03-05T23:30:40.000Z");
      const read = unzipSync(zip);
      for (const [name, [date, time, crc]] of centralEntries(zip)) {
        expect(date, name).toBe(((2024 - 1980) << 9) | (3 << 5) | 5);
        expect(time, name).toBe((23 << 11) | (30 << 5) | 20);
        expect(crc, name).toBe(crc32(read[name]!));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("gives the same bytes for the same parts, and dates before 1980 become 1980-01-01", () => {
    expect(Buffer.from(zipParts(parts, "2024-03-05T00:00:00Z")).equals(Buffer.from(zipParts(parts, "2024-03-05T00:00:00Z")))).toBe(true);
    const [date] = centralEntries(zipParts(parts, "1975-06-01T00:00:00Z")).get("word/document.xml")!;
    expect(date).toBe((0 << 9) | (1 << 5) | 1);
  });
});
