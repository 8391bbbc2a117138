// npm run bench:batch — the nationwide case: one commune-level plan for each
// of the 3,321 commune-level units (from 01/7/2025), all extending one
// provincial plan, built to DOCX and PDF by the real command (node
// dist/cli/bin.cjs build) on the worker pool:
//  1. from scratch (empty output folder, --force): seconds, plans/s, peak memory;
//  2. again with nothing changed (incremental: nothing rebuilt, nothing written);
//  3. after one target of the provincial plan changed: the province and every
//     commune rebuild.
// Targets on a 2-core machine: run 1 ≤ 120 s and ≤ 2 GiB. Figures are printed,
// not asserted: machines are shared and noisy. BENCH_COMMUNES=n for a smaller run.
// The command runs from a copy of the tool (dist/, src/, seeds/, templates/,
// package.json; node_modules linked) taken at the start, so edits to the
// working tree during the bench cannot change the tool's hash between runs.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { communePlan, communeYaml } from "../../src/adapt/commune.ts";
import type { BatchStats } from "../../src/batch/run.ts";
import { library } from "../../src/load/library.ts";
import { loadPlan } from "../../src/load/plan.ts";

const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 3321);
const PROVINCE = "data/nq72/tinh-tuyen-quang.yaml";

// real-looking names: 60 × 60 two-syllable combinations, every 7th a phường
const FIRST = "An Bình Cẩm Châu Đại Đông Đồng Hà Hải Hòa Hồng Hưng Hương Kim Lạc Lâm Liên Long Minh Mỹ Nam Nghĩa Ngọc Nhân Phú Phúc Phong Phượng Quang Quảng Quế Sơn Tân Tây Thạch Thanh Thành Thái Thắng Thịnh Thọ Thuận Thượng Tiên Trung Trường Tú Tuấn Văn Vân Việt Vinh Vĩnh Xuân Yên Bắc Cao Đức Gia Hiệp".split(" ");
const SECOND = "An Bình Châu Điền Đoài Đông Giang Hà Hải Hạnh Hiệp Hòa Hợp Hưng Khánh Lạc Lâm Lập Lộc Lợi Long Minh Mỹ Nam Ninh Phong Phú Phúc Quang Sơn Tâm Tân Tây Thành Thịnh Thọ Thuận Thủy Tiến Toàn Trạch Trung Tú Tường Vân Viên Vinh Xá Xuân Yên Bắc Cường Dương Đạt Định Đức Hậu Kiều Lương Mai".split(" ");
const communeName = (i: number): string => `${i % 7 === 6 ? "phường" : "xã"} ${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`;
const pct = (v: number) => String(v).replace(".", ",");

interface Run {
  seconds: number;
  stats: BatchStats;
  code: number;
}

function build(tool: string, dir: string, out: string, statsFile: string, extra: string[] = []): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(tool, "dist/cli/bin.cjs"), "build", dir, "-o", out, ...extra], {
    env: { ...process.env, KEHOACH_STATS: statsFile, KEHOACH_CACHE_DIR: join(dir, "..", "cache") },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) console.log(`  exit code ${r.status}: ${(r.stderr ?? "").split("\n").slice(-5).join("\n  ")}`);
  return { seconds, code: r.status ?? -1, stats: JSON.parse(readFileSync(statsFile, "utf8")) as BatchStats };
}

const MiB = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

function newestMtime(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) max = Math.max(max, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return max;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "kehoach-batch-"));
  const dir = join(root, "plans");
  const out = join(root, "out");
  const statsFile = join(root, "stats.json");
  const tool = join(root, "tool");
  mkdirSync(dir);
  mkdirSync(out);
  try {
    for (const d of ["dist", "src", "seeds", "templates", "package.json"]) cpSync(d, join(tool, d), { recursive: true });
    symlinkSync(resolve("node_modules"), join(tool, "node_modules"), "dir");
    // --- generate
    const t0 = performance.now();
    const provinceText = readFileSync(PROVINCE, "utf8");
    const provinceFile = join(dir, "tinh-tuyen-quang.yaml");
    writeFileSync(provinceFile, provinceText);
    const { plan } = await loadPlan(provinceFile);
    const lib = library();
    for (let i = 0; i < COMMUNES; i++) {
      const name = communeName(i);
      const child = communePlan(plan, { commune: name, family: i % 3 === 2 ? "state" : "party", year: 2025, extendsPath: "tinh-tuyen-quang.yaml" }, lib);
      const area = name.startsWith("phường") ? "phường" : "xã";
      // one or two targets per commune, with their own figures
      child.targets = [{ id: "bao-phu-bhyt", text: `Tỷ lệ bao phủ bảo hiểm y tế trên địa bàn ${area} đạt trên ${pct(90 + (i % 9) + (i % 10) / 10)}% dân số.` }];
      if (i % 2 === 0) child.targets.push({ id: "tiem-chung", text: `Tỷ lệ tiêm chủng các vắc-xin trong Chương trình tiêm chủng thiết yếu trên địa bàn ${area} đạt trên ${95 + (i % 5)}%.` });
      writeFileSync(join(dir, `xa-${String(i + 1).padStart(4, "0")}.yaml`), communeYaml(child, "tinh-tuyen-quang.yaml", (v) => stringify(v, { lineWidth: 100 })));
    }
    const plans = COMMUNES + 1;
    console.log(`nationwide batch: 1 provincial plan + ${COMMUNES} commune plans extending it, DOCX + PDF, ${availableParallelism()} cores`);
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (src/adapt/commune.ts)`);

    // --- 1. from scratch
    const first = build(tool, dir, out, statsFile, ["--force"]);
    const s = first.stats;
    const heaps = s.workerMemory.map((w) => `${(w.heapPeak / 2 ** 20).toFixed(0)}`).join(" + ");
    console.log(`from scratch (--force, empty out/): ${first.seconds.toFixed(1)} s total, ${(plans / first.seconds).toFixed(1)} plans/s, ${s.built} built, ${s.failed.length} failed, ${s.workers} worker threads`);
    console.log(`  peak memory: ${MiB(s.maxRss)} max RSS of the build process (main thread + ${s.workers} worker threads: one process, one RSS; the workers report the same counter, ${s.workerMemory.map((w) => MiB(w.maxRss)).join(", ")}); worker V8 heaps peaked at ${heaps} MiB`);
    console.log(`  targets: ≤ 120 s ${first.seconds <= 120 ? "met" : "MISSED"}, ≤ 2 GiB ${s.maxRss <= 2 * 1024 * 1024 ? "met" : "MISSED"}`);

    // --- 2. nothing changed
    const before = newestMtime(out);
    const second = build(tool, dir, out, statsFile);
    const untouched = newestMtime(out) === before;
    console.log(`incremental, nothing changed: ${second.seconds.toFixed(1)} s, ${second.stats.built} rebuilt, ${second.stats.skipped} unchanged, outputs ${untouched ? "untouched" : "REWRITTEN"}`);

    // --- 3. one provincial target changed
    writeFileSync(provinceFile, provinceText.replace("Tỷ lệ người dân thường xuyên tham gia hoạt động thể chất tăng thêm 10%.", "Tỷ lệ người dân thường xuyên tham gia hoạt động thể chất tăng thêm 12%."));
    const third = build(tool, dir, out, statsFile);
    console.log(`one provincial target changed: ${third.seconds.toFixed(1)} s, ${third.stats.built} rebuilt (province + communes), ${third.stats.skipped} unchanged, ${(third.stats.built / third.seconds).toFixed(1)} plans/s`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
