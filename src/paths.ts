// Where the package's own files are: the folder holding package.json, found
// from this module's location. The same answer from the sources (src/), from
// the bundled package (dist/cli/), and through npm's symlinks.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`kehoach: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** the package folder (a checkout, or node_modules/kehoach), with a final separator */
export const ROOT = join(packageRoot(), "/");
export const PACKAGE_JSON = join(ROOT, "package.json");
export const SEEDS_DIR = join(ROOT, "seeds/");
export const TEMPLATES_DIR = join(ROOT, "templates/");
/** the code that runs: src/ from a checkout, dist/ in the package */
export const CODE_DIR = join(dirname(fileURLToPath(import.meta.url)), import.meta.url.endsWith(".ts") ? "/" : "../");
