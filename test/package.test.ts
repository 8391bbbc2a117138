// The path users take: `npm pack`, install the tarball into a new project,
// run the installed `kehoach` command. Nothing from the checkout is used but
// the tarball (and a sample plan copied next to it).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/run.ts";
import { has } from "./helpers/tools.ts";

const ROOT = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

let project = "";
let tarball = "";
const kehoach = (args: string[]) =>
  spawnSync(join(project, "node_modules", ".bin", "kehoach"), args, { cwd: project, encoding: "utf8", env: { ...process.env, KEHOACH_CACHE_DIR: join(project, ".cache") } });

describe("the installed package", () => {
  beforeAll(() => {
    const packDir = tempDir("kehoach-pack-");
    // npm pack runs `prepare` (the compile to dist/) as a publish would
    const out = execFileSync(npm, ["pack", "--silent", "--pack-destination", packDir], { cwd: ROOT, encoding: "utf8" });
    tarball = join(packDir, out.trim().split("\n").pop()!);
    project = tempDir("kehoach-user-");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user-project", version: "1.0.0", private: true }));
    execFileSync(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], { cwd: project, encoding: "utf8" });
  }, 600_000);

  it("ships compiled JavaScript and what it reads, not the sources or the tests", () => {
    const installed = join(project, "node_modules", "kehoach");
    expect(existsSync(join(installed, "dist", "cli", "bin.cjs"))).toBe(true);
    expect(existsSync(join(installed, "templates", "plan.hbs"))).toBe(true);
    expect(existsSync(join(installed, "seeds", "ct25.yaml"))).toBe(true);
    expect(existsSync(join(installed, "templates", "fonts", "tinos", "OFL.txt"))).toBe(true);
    expect(existsSync(join(installed, "LICENSE"))).toBe(true);
    for (const absent of ["src", "test", "data/bac-kan-ct25.yaml", "tsconfig.json"]) expect(existsSync(join(installed, absent)), absent).toBe(false);
    // typescript and tsx are for development only
    expect(existsSync(join(project, "node_modules", "typescript"))).toBe(false);
    expect(existsSync(join(project, "node_modules", "tsx"))).toBe(false);
    // the libraries are bundled into dist/ (with their licences): nothing else is installed
    // the core is bundled; only what `import` (pdf.js) and `serve` (server, Excel) load stays a dependency
    const pkgJson = JSON.parse(readFileSync(join(project, "node_modules", "kehoach", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(pkgJson.dependencies).sort()).toEqual(["@hono/node-server", "exceljs", "hono", "pdfjs-dist"]);
    for (const bundled of ["docx", "pdf-lib", "@pdf-lib/fontkit", "zod", "handlebars", "yaml", "commander"]) expect(existsSync(join(project, "node_modules", bundled)), bundled).toBe(false);
    const notices = readFileSync(join(installed, "dist", "THIRD-PARTY-LICENSES.txt"), "utf8");
    expect(notices).toMatch(/^docx [\d.]+ \(MIT\)$/m);
    // the PDF is written by our own code (src/render/pdf/writer.ts): pdf-lib is a test tool only
    expect(notices).not.toMatch(/^(pdf-lib|pako|@pdf-lib\/[a-z-]+) [\d.]+ /m);
  });

  it("`kehoach --version` prints the installed version; --help prints the Vietnamese help", { timeout: 120_000 }, () => {
    const v = kehoach(["--version"]);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
    const h = kehoach(["--help"]);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain("Cách dùng: kehoach");
    expect(h.stdout).toContain("build");
  });

  it("`kehoach build` writes the DOCX and PDF of a sample plan (on worker threads too)", { timeout: 300_000 }, () => {
    copyFileSync(join(ROOT, "data", "bac-kan-ct25.yaml"), join(project, "ke-hoach.yaml"));
    const r = kehoach(["build", "ke-hoach.yaml", "-o", "out"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readdirSync(join(project, "out")).sort()).toEqual(["ke-hoach.docx", "ke-hoach.pdf"]);
    const docx = unzipSync(readFileSync(join(project, "out", "ke-hoach.docx")));
    const body = strFromU8(docx["word/document.xml"]!);
    expect(body).toContain("ỦY BAN NHÂN DÂN");
    expect(body).toContain("Chỉ thị số 25-CT/TW");
    const pdf = readFileSync(join(project, "out", "ke-hoach.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    if (has("pdftotext")) {
      const text = execFileSync("pdftotext", ["-layout", join(project, "out", "ke-hoach.pdf"), "-"], { encoding: "utf8" });
      expect(text).toContain("KẾ HOẠCH");
      expect(text).toContain("Bắc Kạn");
    }
    // a second call finds nothing changed
    const again = kehoach(["build", "ke-hoach.yaml", "-o", "out"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("không đổi");
    // many plans go to worker threads, which must run the compiled code too
    for (let i = 0; i < 4; i++) copyFileSync(join(ROOT, "data", "hung-yen-nq20.yaml"), join(project, `p${i}.yaml`));
    const many = spawnSync(join(project, "node_modules", ".bin", "kehoach"), ["build", ".", "-o", "out2", "-v", "-f", "docx"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, KEHOACH_WORKERS: "2", KEHOACH_CACHE_DIR: join(project, ".cache") },
    });
    expect(many.stderr).toContain("luồng phụ (worker threads)");
    expect(many.status).toBe(0);
    expect(readdirSync(join(project, "out2")).filter((f) => f.endsWith(".docx"))).toHaveLength(5);
  });

  it("a mistake in the data is one located message and exit code 1, from the installed command too", { timeout: 120_000 }, () => {
    writeFileSync(join(project, "sai.yaml"), readFileSync(join(ROOT, "data", "bac-kan-ct25.yaml"), "utf8").replace(/^family: state$/m, "family: stat"));
    const r = kehoach(["build", "sai.yaml", "-o", "out3"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/sai\.yaml:\d+:\d+: lỗi \[E_SCHEMA\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(project, "out3", "sai.docx"))).toBe(false);
  });
});
