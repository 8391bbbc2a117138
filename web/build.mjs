// Bundles the page (web/src, Preact + pdf.js) into web/dist with esbuild, so
// `kehoach serve` works with no internet. Run by `npm run build:web`, which
// `npm install`/`npm ci` (prepare) and `npm test` (pretest) run.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const require = createRequire(import.meta.url);
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(here, "src/main.tsx")],
  outfile: join(dist, "app.js"),
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: false,
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(dist, "index.html"));
copyFileSync(join(here, "app.css"), join(dist, "app.css"));
copyFileSync(require.resolve("pdfjs-dist/build/pdf.worker.min.mjs"), join(dist, "pdf.worker.min.mjs"));
