// Many plans at once: folders (recursively, nested outputs), incremental
// rebuilds keyed by content hashes, failures that do not stop the others,
// --force, the worker pool giving the same bytes as the main thread, --watch.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchResult } from "../src/batch/run.ts";
import { watchBuild } from "../src/batch/watch.ts";
import { docxText } from "./helpers/docx-text.ts";
import { runCli, tempDir } from "./helpers/run.ts";

let root: string;
let data: string;
let out: string;
const province = () => join(data, "nq72", "tinh-tuyen-quang.yaml");
const COMMUNES = ["xa-bac-quang", "xa-dong-tam", "xa-minh-xuan"];
// a target no commune overrides
const TARGET_OLD = "Tỷ lệ người dân thường xuyên tham gia hoạt động thể chất tăng thêm 10%.";
const TARGET_NEW = "Tỷ lệ người dân thường xuyên tham gia hoạt động thể chất tăng thêm 12%.";

/** Every file under a folder: relative path → bytes and mtime. */
function snapshot(dir: string): Map<string, { bytes: Buffer; mtime: number }> {
  const m = new Map<string, { bytes: Buffer; mtime: number }>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    m.set(relative(dir, p), { bytes: readFileSync(p), mtime: statSync(p).mtimeMs });
  }
  return m;
}
const built = (stdout: string) => stdout.split("\n").filter((l) => l.includes(" → ")).map((l) => l.split(" → ")[0]!).sort();
const env = (vars: Record<string, string | undefined>) => {
  const old = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  set(vars);
  return () => set(old);
};
let restoreEnv: () => void;

beforeAll(() => {
  root = tempDir("kehoach-batch-");
  data = join(root, "data");
  out = join(root, "out");
  cpSync("data/nq72", join(data, "nq72"), { recursive: true });
  cpSync("data/bac-kan-ct25.yaml", join(data, "bac-kan-ct25.yaml"));
  // not plans: a dot-folder and a schema
  mkdirSync(join(data, ".an"), { recursive: true });
  cpSync("data/bac-kan-ct25.yaml", join(data, ".an", "an.yaml"));
  cpSync("data/kehoach.schema.json", join(data, "kehoach.schema.json"));
  restoreEnv = env({ KEHOACH_CACHE_DIR: join(root, "cache"), KEHOACH_WORKERS: undefined });
});
afterAll(() => restoreEnv());

describe("build of a folder", () => {
  it("(a) builds every plan under it, recursively, keeping sub-paths under out/", async () => {
    const r = await runCli(["build", data, "-o", out]);
    expect(r.code).toBe(0);
    const files = [...snapshot(out).keys()].sort();
    expect(files).toEqual(
      ["bac-kan-ct25", ...["tinh-tuyen-quang", ...COMMUNES].map((n) => `nq72/${n}`)].flatMap((n) => [`${n}.docx`, `${n}.pdf`]).sort(),
    );
    expect(built(r.stdout)).toHaveLength(5);
  });

  it("(b) with nothing changed, rebuilds and writes nothing", async () => {
    const before = snapshot(out);
    const r = await runCli(["build", data, "-o", out]);
    expect(r.code).toBe(0);
    expect(built(r.stdout)).toEqual([]);
    expect(r.stdout.match(/: không đổi \(unchanged\)/g)).toHaveLength(5);
    expect(r.stderr).toContain("0 dựng, 5 không đổi, 0 lỗi");
    const after = snapshot(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [f, b] of before) {
      expect(after.get(f)!.mtime, f).toBe(b.mtime);
      expect(after.get(f)!.bytes.equals(b.bytes), f).toBe(true);
    }
  });

  it("(c) a provincial target changed: exactly the province and its communes rebuild, with the new value", async () => {
    writeFileSync(province(), readFileSync(province(), "utf8").replace(TARGET_OLD, TARGET_NEW));
    const before = snapshot(out);
    const r = await runCli(["build", data, "-o", out]);
    expect(r.code).toBe(0);
    expect(built(r.stdout)).toEqual(["tinh-tuyen-quang", ...COMMUNES].map((n) => join(data, "nq72", `${n}.yaml`)).sort());
    expect(r.stdout).toContain(`${join(data, "bac-kan-ct25.yaml")}: không đổi (unchanged)`);
    expect(snapshot(out).get("bac-kan-ct25.docx")!.mtime).toBe(before.get("bac-kan-ct25.docx")!.mtime);
    for (const n of ["tinh-tuyen-quang", ...COMMUNES]) {
      const text = docxText(readFileSync(join(out, "nq72", `${n}.docx`)));
      expect(text, n).toContain("tăng thêm 12%");
      expect(text, n).not.toContain("tăng thêm 10%");
    }
  });

  it("(d) a broken plan is reported and keeps its old outputs; the others build; exit code 1", async () => {
    const broken = join(data, "nq72", "xa-minh-xuan.yaml");
    const good = readFileSync(broken, "utf8");
    const before = snapshot(out);
    writeFileSync(province(), readFileSync(province(), "utf8").replace(TARGET_NEW, TARGET_OLD));
    writeFileSync(broken, good.replace("symbol: KH-UBND", "symbol: [KH-UBND"));
    const r = await runCli(["build", data, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/xa-minh-xuan\.yaml:\d+:\d+: lỗi \[E_YAML_SYNTAX\]/);
    expect(r.stderr).toContain(`1/5 kế hoạch lỗi: ${broken}`);
    expect(built(r.stdout)).toEqual(["tinh-tuyen-quang", "xa-bac-quang", "xa-dong-tam"].map((n) => join(data, "nq72", `${n}.yaml`)));
    const after = snapshot(out);
    for (const f of ["nq72/xa-minh-xuan.docx", "nq72/xa-minh-xuan.pdf"]) {
      expect(after.get(f)!.bytes.equals(before.get(f)!.bytes), f).toBe(true);
      expect(after.get(f)!.mtime, f).toBe(before.get(f)!.mtime);
    }
    expect(docxText(readFileSync(join(out, "nq72", "tinh-tuyen-quang.docx")))).toContain("tăng thêm 10%");
    // fixed: it builds again (it was never recorded as built from its new input)
    writeFileSync(broken, good);
    const fixed = await runCli(["build", data, "-o", out]);
    expect(fixed.code).toBe(0);
    expect(built(fixed.stdout)).toEqual([broken]);
  });

  it("(e) --force rebuilds everything, byte for byte the same", async () => {
    const before = snapshot(out);
    const r = await runCli(["build", data, "-o", out, "--force"]);
    expect(r.code).toBe(0);
    expect(built(r.stdout)).toHaveLength(5);
    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [f, b] of before) expect(after.get(f)!.bytes.equals(b.bytes), f).toBe(true);
  });

  it("(f) worker threads and the main thread give the same bytes, messages and exit code", async () => {
    // one broken plan, so errors and the exit code are compared too
    const broken = join(data, "nq72", "xa-dong-tam.yaml");
    const good = readFileSync(broken, "utf8");
    writeFileSync(broken, good.replace("y-te: { name: Trạm Y tế xã Đồng Tâm }", "y-te: { nam: Trạm Y tế xã Đồng Tâm }"));
    try {
      const outMain = join(root, "out-main");
      const outPool = join(root, "out-pool");
      const inMain = await runCli(["build", data, "-o", outMain]);
      // the pool as the installed command runs it: compiled JavaScript (dist/, made by `npm run build`)
      const bin = spawnSync(process.execPath, ["dist/cli/bin.cjs", "build", data, "-o", outPool, "-v"], {
        encoding: "utf8",
        env: { ...process.env, KEHOACH_WORKERS: "2" },
      });
      expect(bin.stderr).toContain("trên 2 luồng phụ (worker threads)");
      expect(bin.status).toBe(1);
      expect(inMain.code).toBe(1);
      const lines = (s: string, o: string) => s.split(o).join("OUT").split("\n").filter((l) => l && !l.startsWith("xong ") && !/^(phông chữ|dựng \d+)/.test(l)).sort();
      expect(lines(bin.stdout, outPool)).toEqual(lines(inMain.stdout, outMain));
      expect(lines(bin.stderr, outPool)).toEqual(lines(inMain.stderr, outMain));
      const a = snapshot(outMain);
      const b = snapshot(outPool);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      expect(a.size).toBe(8);
      for (const [f, x] of a) expect(b.get(f)!.bytes.equals(x.bytes), f).toBe(true);
      // and the same bytes as the incremental builds above
      const c = snapshot(out);
      for (const [f, x] of a) expect(c.get(f)!.bytes.equals(x.bytes), f).toBe(true);
    } finally {
      writeFileSync(broken, good);
    }
  });

  it("(g) many plans: this thread and a worker build from one queue, the same bytes as this thread alone", async () => {
    if (availableParallelism() < 2) return; // one core: never a worker
    const { runBatch } = await import("../src/batch/run.ts");
    const quiet = { out: () => {}, err: () => {} };
    const plans = join(data, "nq72");
    const alone = join(root, "out-alone");
    const mixed = join(root, "out-mixed");
    const a = await runBatch([plans], { outDir: alone, formats: ["docx", "pdf"], workers: 0, cacheDir: join(root, "cache-alone") }, quiet);
    const b = await runBatch([plans], { outDir: mixed, formats: ["docx", "pdf"], inProcessMax: 1, cacheDir: join(root, "cache-mixed") }, quiet);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stats.builtHere).toBe(4);
    expect(b.stats.workers).toBe(availableParallelism() - 1);
    // the worker took the first plan; this thread, warm, built some of the others
    expect(b.stats.builtHere).toBeGreaterThan(0);
    expect(b.stats.builtHere).toBeLessThan(4);
    const x = snapshot(alone);
    const y = snapshot(mixed);
    expect(x.size).toBe(8);
    for (const [f, v] of x) expect(y.get(f)?.bytes.equals(v.bytes), f).toBe(true);
  });

  it("two plans that would write the same output: a usage error naming both", async () => {
    const other = join(root, "khac");
    mkdirSync(other, { recursive: true });
    cpSync(join(data, "nq72", "xa-dong-tam.yaml"), join(other, "xa-dong-tam.yaml"));
    const r = await runCli(["build", join(data, "nq72", "xa-dong-tam.yaml"), join(other, "xa-dong-tam.yaml"), "-o", join(root, "out-x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("[E_USAGE]");
    expect(r.stderr).toContain(join(data, "nq72", "xa-dong-tam.yaml"));
    expect(r.stderr).toContain(join(other, "xa-dong-tam.yaml"));
  });
});

describe("build --watch", () => {
  it("rebuilds the province and its communes when the provincial plan is saved, and stops on abort", async () => {
    const wdata = join(root, "watch");
    const wout = join(root, "watch-out");
    cpSync(join(data, "nq72"), wdata, { recursive: true });
    const ac = new AbortController();
    const builds: BatchResult[] = [];
    let wake: () => void = () => {};
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const running = watchBuild([wdata], { outDir: wout, formats: ["docx"] }, io, ac.signal, {
      onBuild: (r) => {
        builds.push(r);
        wake();
      },
    });
    const next = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no build ${n} within 15 s:\n${lines.join("\n")}`)), 15_000);
        wake = () => {
          if (builds.length >= n) {
            clearTimeout(t);
            resolve();
          }
        };
        wake();
      });
    await next(1);
    expect(builds[0]!.stats.built).toBe(4);
    const file = join(wdata, "tinh-tuyen-quang.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(TARGET_OLD, TARGET_NEW));
    await next(2);
    expect(builds[1]!.code).toBe(0);
    expect(builds[1]!.stats.built).toBe(4);
    expect(docxText(readFileSync(join(wout, "xa-dong-tam.docx")))).toContain("tăng thêm 12%");
    ac.abort();
    expect(await running).toBe(0);
  });
});
