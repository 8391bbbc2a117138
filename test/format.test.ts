// Vietnamese formatting rules of FORMAT.md §7 and DESIGN.md's domain rules.
import { describe, expect, it } from "vitest";
import { agencyList, BLANK, deadlineText, documentNumber, formatNumber, issueDateParts, letter, roman, slashDate } from "../src/derive/format.ts";
import { parseDeadlineText } from "../src/model/deadline.ts";

describe("dates and numbers", () => {
  it("pads the day below 10 and only months 1–2", () => {
    expect(slashDate({ day: 5, month: 4, year: 2024 })).toBe("05/4/2024");
    expect(slashDate({ day: 1, month: 7, year: 2025 })).toBe("01/7/2025");
    expect(slashDate({ day: 25, month: 10, year: 2023 })).toBe("25/10/2023");
    expect(issueDateParts({ day: 5, month: 1, year: 2024 })).toEqual({ day: "05", month: "01", year: "2024" });
    expect(issueDateParts({ day: 15, month: 3, year: 2024 })).toEqual({ day: "15", month: "3", year: "2024" });
  });
  it("leaves a draft's day, month and number as six no-break spaces", () => {
    expect(BLANK).toBe("\u00a0".repeat(6));
    expect(issueDateParts({ year: 2024 })).toEqual({ day: BLANK, month: BLANK, year: "2024" });
    expect(documentNumber(undefined)).toBe(BLANK);
    expect(documentNumber(5)).toBe("05");
    expect(documentNumber(212)).toBe("212");
  });
  it("writes numbers the Vietnamese way", () => {
    expect(formatNumber(13.5)).toBe("13,5");
    expect(formatNumber(1250)).toBe("1.250");
    expect(formatNumber(1471000.25)).toBe("1.471.000,25");
    expect(formatNumber(95)).toBe("95");
  });
  it("numbers with Roman numerals and Vietnamese letters (no f j w z)", () => {
    expect([1, 4, 9, 14].map(roman)).toEqual(["I", "IV", "IX", "XIV"]);
    expect([1, 5, 6, 7, 23].map(letter)).toEqual(["a", "đ", "e", "g", "y"]);
    expect(letter(24)).toBeUndefined();
  });
});

describe("deadlines", () => {
  it("parses the short forms and prints the seeds' phrasing", () => {
    const cases: [string, string][] = [
      ["Quý II năm 2024", "Quý II năm 2024"],
      ["Q4/2025", "Quý IV năm 2025"],
      ["thường xuyên", "Nhiệm vụ thường xuyên"],
      ["trước 01/7/2025", "Trước ngày 01/7/2025"],
      ["trước 2025-07-01", "Trước ngày 01/7/2025"],
      ["từ 2026", "Từ năm 2026"],
      ["2025", "Năm 2025"],
    ];
    for (const [input, printed] of cases) {
      const d = parseDeadlineText(input);
      expect(d, input).toBeDefined();
      expect(deadlineText(d!)).toBe(printed);
    }
  });
  it("rejects what is not a deadline", () => {
    for (const bad of ["Quý V năm 2024", "Q0/2024", "trước 31/02/2025", "sớm", "năm 20"]) expect(parseDeadlineText(bad), bad).toBeUndefined();
  });
});

describe("agency lists", () => {
  it("joins names, puts a trailing group after 'và' and capitalises the cell", () => {
    const so = (name: string) => ({ name });
    const group = { name: "các cơ quan, đơn vị liên quan", group: true };
    expect(agencyList([group])).toBe("Các cơ quan, đơn vị liên quan");
    expect(agencyList([so("Sở Tài chính"), group])).toBe("Sở Tài chính và các cơ quan, đơn vị liên quan");
    expect(agencyList([so("Sở Y tế"), so("Sở Nội vụ")])).toBe("Sở Y tế, Sở Nội vụ");
    expect(agencyList([so("Sở Y tế"), so("UBND các huyện, thành phố")])).toBe("Sở Y tế; UBND các huyện, thành phố");
    expect(agencyList([so("ủy ban nhân dân các xã")])).toBe("Ủy ban nhân dân các xã");
  });
});
