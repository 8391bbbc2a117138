// `npm run build`: bundles src/ into dist/cli/ with esbuild — the command
// (bin.js), the build worker (worker.js) and the lazily imported parts of each
// command as shared chunks, dependencies included — then stamps the code hash.
// One bundle instead of hundreds of files: Node resolves, reads and compiles
// far less at every start (pdf-lib alone is ~300 CommonJS files), and the
// installed package needs no dependencies. Types are checked by `npm run
// typecheck`, not here.
import { build } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import process from "node:process";

rmSync("dist", { recursive: true, force: true });
const result = await build({
  entryPoints: { bin: "src/cli/bin.ts", worker: "src/batch/worker.ts", "stamp-code": "src/batch/stamp-code.ts" },
  outdir: "dist/cli",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  // ES module builds where a package has one (pdf-lib): only what we use is bundled
  mainFields: ["module", "main"],
  target: "node20",
  chunkNames: "[name]-[hash]",
  // CommonJS dependencies (pdf-lib, fontkit, handlebars) call require() for Node's own modules
  banner: { js: 'import { createRequire as __kehoachRequire } from "node:module"; const require = __kehoachRequire(import.meta.url);' },
  legalComments: "eof",
  // loaded only by \`import\` (pdf.js) and \`serve\` (server, Excel): big, with files of
  // their own to find at run time; they stay runtime dependencies of the package
  external: ["pdfjs-dist", "pdfjs-dist/*", "exceljs", "hono", "hono/*", "@hono/node-server", "@hono/node-server/*"],
  logLevel: "warning",
  metafile: true,
});
// which sources went into which file of dist/: test/startup.test.ts checks what each command loads
mkdirSync("node_modules/.cache", { recursive: true });
writeFileSync("node_modules/.cache/kehoach-build-meta.json", JSON.stringify(result.metafile));
// the bundled packages' licences, as their licences ask of copies of their code
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
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
const stamp = spawnSync(process.execPath, ["dist/cli/stamp-code.js"], { stdio: "inherit" });
process.exit(stamp.status ?? 1);
