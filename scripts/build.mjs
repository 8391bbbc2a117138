// `npm run build`: bundles src/ into dist/cli/ with esbuild — the code as one
// CommonJS file (kehoach.cjs), dependencies included, and the two small entries
// that load it with V8's code cache (bin.cjs, the command; worker.cjs, a build
// worker thread) — then stamps the code hash.
// One bundle instead of hundreds of files: Node resolves, reads and compiles
// far less at every start (docx and zod alone are hundreds of files), and the
// installed package needs no dependencies. Types are checked by `npm run
// typecheck`, not here.
import { build } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import process from "node:process";

rmSync("dist", { recursive: true, force: true });
// loaded only by `import` (pdf.js) and `serve` (server, Excel): big, with files of
// their own to find at run time; they stay runtime dependencies of the package
const external = ["pdfjs-dist", "pdfjs-dist/*", "exceljs", "hono", "hono/*", "@hono/node-server", "@hono/node-server/*"];
const common = {
  bundle: true,
  platform: "node",
  // ES module builds where a package has one (docx, zod): esbuild drops what we never import
  mainFields: ["module", "main"],
  target: "node20",
  legalComments: "eof",
  external,
  logLevel: "warning",
};
// 1. The code: one CommonJS file, so that src/batch/load-bundle.ts can compile it
// with V8's code cache (Node 20 has none for ES modules). What a command imports
// lazily stays lazy: esbuild wraps each import()ed module to run on first use.
const result = await build({
  ...common,
  entryPoints: { kehoach: "src/cli/commands.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: "dist/cli",
  format: "cjs",
  // paths.ts and pool.ts find the package and the worker from import.meta.url
  define: { "import.meta.url": "__kehoachUrl" },
  banner: { js: 'var __kehoachUrl = require("node:url").pathToFileURL(__filename).href;' },
  // no comments or indentation: a smaller file to read and hash at every start
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  write: false,
});
// ASCII only: esbuild escapes strings itself but keeps Vietnamese letters in
// regular expressions; one non-ASCII character makes Node read the whole file
// as UTF-8 into a two-byte string (~30 ms). \uXXXX means the same in a regex.
// The file holds the function Node would wrap a CommonJS module in, so that
// the loader compiles it as read, without copying 2.4 MB into a new string.
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const ascii = file.text.replace(/[^\t\n\r\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  writeFileSync(file.path, `(function (exports, require, module, __filename, __dirname) {${ascii}\n})`);
}
// 2. The entries: the command line (bin.cjs: commander and main.ts, which loads
// the bundle when a command runs), the worker thread, the build's stamp tool.
// CommonJS too: Node starts a CommonJS file without its ES module loader
// (~15 M instructions and ~140 page faults less at every start, --help included).
const entries = await build({
  ...common,
  entryPoints: { bin: "src/cli/bin.ts", worker: "src/batch/worker-thread.ts", "stamp-code": "src/batch/stamp-code.ts" },
  outdir: "dist/cli",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  define: { "import.meta.url": "__kehoachUrl" },
  banner: { js: 'var __kehoachUrl = require("node:url").pathToFileURL(__filename).href;' },
  metafile: true,
});
const metafile = { inputs: { ...result.metafile.inputs, ...entries.metafile.inputs }, outputs: { ...result.metafile.outputs, ...entries.metafile.outputs } };
// which sources went into which file of dist/: test/startup.test.ts checks what each command loads
mkdirSync("node_modules/.cache", { recursive: true });
writeFileSync("node_modules/.cache/kehoach-build-meta.json", JSON.stringify(metafile));
// the bundled packages' licences, as their licences ask of copies of their code
const packages = new Set();
for (const input of Object.keys(metafile.inputs)) {
  const m = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.add(m[1]);
}
const notices = [...packages].sort().map((dir) => {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((n) => /^(licen[cs]e|copying)(\.|$)/i.test(n));
  const text = file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8").trim() : `Licence: ${pkg.license ?? "see the package"}`;
  return `${pkg.name} ${pkg.version} (${pkg.license ?? "?"})\n\n${text}\n`;
});
writeFileSync("dist/THIRD-PARTY-LICENSES.txt", `kehoach's dist/ bundles these packages:\n\n${notices.join(`\n${"-".repeat(72)}\n\n`)}`);
// dist/code-hash.txt: the installed tool never hashes its own code at start
const stamp = spawnSync(process.execPath, ["dist/cli/stamp-code.cjs"], { stdio: "inherit" });
process.exit(stamp.status ?? 1);
