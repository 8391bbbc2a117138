// Run by `npm run build` after compiling: writes dist/code-hash.txt, the hash
// of the compiled code, so that an installed kehoach does not hash its own
// files at every start (the manifest and the caches are keyed by it).
import { createHash } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { CODE_DIR } from "../paths.ts";
import { CODE_STAMP, hashFilesInto } from "../load/cache.ts";

rmSync(CODE_STAMP, { force: true });
const h = createHash("sha256");
hashFilesInto(h, CODE_DIR);
writeFileSync(CODE_STAMP, `${h.digest("hex")}\n`);
