// Saving from the page keeps the file a person wrote: only the changed
// values' lines change, and the result reads back as exactly the edited data.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { patchYaml } from "../src/serve/yaml-patch.ts";
import { plansUnder } from "../src/batch/inputs.ts";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Lines only in a, lines only in b (by an LCS over lines). */
function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split("\n");
  const y = b.split("\n");
  const dp = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) dp[i]![j] = x[i] === y[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      i++;
      j++;
    }
    else if (j < y.length && (i === x.length || dp[i]![j + 1]! >= dp[i + 1]![j]!)) added.push(y[j++]!);
    else removed.push(x[i++]!);
  }
  return { removed, added };
}

const BAC_KAN = readFileSync("data/bac-kan-ct25.yaml", "utf8");
const edit = (src: string, f: (d: Obj) => void) => {
  const d = parse(src) as Obj;
  f(d);
  const out = patchYaml(src, d);
  expect(parse(out)).toEqual(d);
  return lineDiff(src, out);
};

describe("patchYaml", () => {
  it("changes one word of a folded paragraph on its own line only", () => {
    const { removed, added } = edit(BAC_KAN, (d) => (d.targets[3].text = d.targets[3].text.replace("trên 95% dân số", "trên 97% dân số")));
    expect(removed).toEqual(["      Duy trì tỷ lệ tham gia bảo hiểm y tế đạt trên 95% dân số và trên 95%"]);
    expect(added).toEqual(["      Duy trì tỷ lệ tham gia bảo hiểm y tế đạt trên 97% dân số và trên 95%"]);
  });
  it("keeps flow lists, quoting and the spacing of flow maps", () => {
    const { removed, added } = edit(BAC_KAN, (d) => {
      d.tasks[0].lead.push("so-tc");
      d.date.month = 3;
      d.date.day = 5;
    });
    expect(removed.sort()).toEqual(["    lead: [cac-so-nganh, ubnd-huyen]", "date: { year: 2024 }"].sort());
    expect(added.sort()).toEqual(["    lead: [cac-so-nganh, ubnd-huyen, so-tc]", "date: { year: 2024, month: 3, day: 5 }"].sort());
  });
  it("adds, deletes and moves task rows without touching the others (comments stay with their task)", () => {
    const { removed, added } = edit(BAC_KAN, (d) => {
      const [t02] = d.tasks.splice(1, 1);
      d.tasks.splice(3, 0, t02);
      d.tasks.push({ id: "t20", section: "nhan-thuc", content: "Kiểm tra việc thực hiện ở xã Đồng Tâm: ệ ữ ở Đ ơ ư Ỷ", lead: ["so-yt"], partners: [], deadline: "Q4/2026" });
      d.tasks = d.tasks.filter((t: Obj) => t.id !== "t19");
    });
    expect(added.filter((l) => l.includes("id: t02"))).toHaveLength(1);
    expect(removed.filter((l) => l.includes("id: t02"))).toHaveLength(1);
    expect(removed.some((l) => l.includes("id: t19"))).toBe(true);
    expect(added).toContain("  - id: t20");
    expect(added).toContain("    deadline: Q4/2026");
    // a new row is written as the others are: short id lists in brackets
    expect(added).toContain("    partners: []");
    expect([...removed, ...added].some((l) => l.startsWith("  #"))).toBe(false);
    expect([...removed, ...added].some((l) => l.includes("id: t05"))).toBe(false);
  });
  it("quotes a text that would not read back as plain text", () => {
    const { added } = edit(BAC_KAN, (d) => (d.signer.name = "Hưng: 2025 # không phải chú thích"));
    expect(added).toEqual(['  name: "Hưng: 2025 # không phải chú thích"']);
  });
  it("adds and removes keys in place", () => {
    const { removed, added } = edit(BAC_KAN, (d) => {
      d.number = 12;
      delete d.signer.delegate;
      d.targets[0].milestone = "2030";
    });
    expect(removed).toEqual(["  delegate: KT. CHỦ TỊCH"]);
    expect(added.sort()).toEqual(['    milestone: "2030"', "number: 12"].sort());
  });
  it("returns the file unchanged when nothing changed", () => {
    expect(patchYaml(BAC_KAN, parse(BAC_KAN))).toBe(BAC_KAN);
  });
  it("round-trips an edit of every sample with a one-line diff", async () => {
    for (const file of await plansUnder("data")) {
      const src = readFileSync(file, "utf8");
      const d = parse(src) as Obj;
      if (!d.signer?.name) continue;
      const { removed, added } = edit(src, (x) => (x.signer.name = "Lê Thị Ỷ"));
      expect([file, removed.length, added.length]).toEqual([file, 1, 1]);
    }
  });
});
