// `build --watch` keeps seeing a file however an editor saves it: written in
// place, written to a temporary file and renamed over (vim, VS Code, most
// IDEs), deleted and created again, or saved many times in a burst.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchResult } from "../src/batch/run.ts";
import { watchBuild } from "../src/batch/watch.ts";
import { docxText } from "./helpers/docx-text.ts";
import { tempDir } from "./helpers/run.ts";

const GOOD = readFileSync("data/bac-kan-ct25.yaml", "utf8");
const CLOSING = /\nclosing: >-\n( {2}.*\n)+/;
const withClosing = (s: string) => GOOD.replace(CLOSING, `\nclosing: "${s}"\n`);

let root: string;
let restore: string | undefined;
beforeAll(() => {
  root = tempDir("kehoach-watch-");
  restore = process.env.KEHOACH_CACHE_DIR;
  process.env.KEHOACH_CACHE_DIR = join(root, "cache");
});
afterAll(() => {
  if (restore === undefined) delete process.env.KEHOACH_CACHE_DIR;
  else process.env.KEHOACH_CACHE_DIR = restore;
});

describe("build --watch and the ways editors save", () => {
  it("sees in-place writes, rename-over saves (again and again), delete + re-create, a burst of saves and a new folder", async () => {
    const data = join(root, "data");
    const out = join(root, "out");
    mkdirSync(join(data, "huyen"), { recursive: true });
    const top = join(data, "tinh.yaml");
    const nested = join(data, "huyen", "xa.yaml");
    writeFileSync(top, withClosing("Bản đầu tiên của tỉnh."));
    writeFileSync(nested, withClosing("Bản đầu tiên của xã."));
    const ac = new AbortController();
    const builds: BatchResult[] = [];
    const lines: string[] = [];
    let wake = () => {};
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const running = watchBuild([data], { outDir: out, formats: ["docx"] }, io, ac.signal, {
      onBuild: (r) => {
        builds.push(r);
        wake();
      },
    });
    /** waits until the output of `plan` (out/<sub>.docx) contains `text` */
    const until = (sub: string, text: string) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`out/${sub}.docx never showed "${text}" (${builds.length} builds):\n${lines.join("\n")}`)), 15_000);
        wake = () => {
          let doc = "";
          try {
            doc = docxText(readFileSync(join(out, `${sub}.docx`)));
          } catch {
            return;
          }
          if (doc.includes(text)) {
            clearTimeout(t);
            resolve();
          }
        };
        wake();
      });
    const renameOver = (file: string, text: string) => {
      const tmp = join(file, "..", `.${Date.now()}.swp`);
      writeFileSync(tmp, text);
      renameSync(tmp, file);
    };
    try {
      await until("tinh", "Bản đầu tiên của tỉnh.");
      await until("huyen/xa", "Bản đầu tiên của xã.");

      writeFileSync(nested, withClosing("Sửa tại chỗ lần một."));
      await until("huyen/xa", "Sửa tại chỗ lần một.");

      for (const [i, file, sub] of [[1, nested, "huyen/xa"], [2, nested, "huyen/xa"], [3, top, "tinh"], [4, top, "tinh"]] as const) {
        renameOver(file, withClosing(`Lưu kiểu đổi tên lần ${i}.`));
        await until(sub, `Lưu kiểu đổi tên lần ${i}.`);
      }
      // after a rename-over, an in-place write is still seen
      writeFileSync(nested, withClosing("Sửa tại chỗ sau khi đổi tên."));
      await until("huyen/xa", "Sửa tại chỗ sau khi đổi tên.");

      rmSync(nested);
      await new Promise((r) => setTimeout(r, 400));
      writeFileSync(nested, withClosing("Tạo lại sau khi xóa."));
      await until("huyen/xa", "Tạo lại sau khi xóa.");

      const before = builds.length;
      for (let i = 1; i <= 25; i++) {
        if (i % 2) writeFileSync(nested, withClosing(`Lưu dồn dập ${i}.`));
        else renameOver(nested, withClosing(`Lưu dồn dập ${i}.`));
      }
      await until("huyen/xa", "Lưu dồn dập 25.");
      // debounced: a burst is a few builds, not 25
      expect(builds.length - before).toBeLessThan(10);
      // and the last one stays: one more save after the burst is still seen
      renameOver(nested, withClosing("Sau cơn lưu dồn dập."));
      await until("huyen/xa", "Sau cơn lưu dồn dập.");
      // a folder made while watching: its plans are built, and their rename-over saves seen
      mkdirSync(join(data, "moi"));
      writeFileSync(join(data, "moi", "xa-moi.yaml"), withClosing("Kế hoạch trong thư mục mới."));
      await until("moi/xa-moi", "Kế hoạch trong thư mục mới.");
      renameOver(join(data, "moi", "xa-moi.yaml"), withClosing("Thư mục mới, lưu kiểu đổi tên."));
      await until("moi/xa-moi", "Thư mục mới, lưu kiểu đổi tên.");
    } finally {
      ac.abort();
    }
    expect(await running).toBe(0);
  }, 120_000);
});
