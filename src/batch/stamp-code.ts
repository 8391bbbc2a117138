// Run by `npm run build` after compiling: writes dist/code-hash.txt, the hash
// of the compiled code, so that an installed kehoach does not hash its own
// files at every start (the manifest needs it to rebuild after an upgrade).
import { rmSync, writeFileSync } from "node:fs";
import { CODE_DIR } from "../paths.ts";
import { CODE_STAMP } from "../load/cache.ts";
import { hashTree } from "./hash.ts";

rmSync(CODE_STAMP, { force: true });
writeFileSync(CODE_STAMP, `${await hashTree(CODE_DIR)}\n`);
