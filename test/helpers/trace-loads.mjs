// node --import ./test/helpers/trace-loads.mjs dist/cli/bin.js …: appends to
// the file named by KEHOACH_TRACE_LOADS the name of every module of the bundle
// (dist/cli/kehoach.cjs) that runs (startup.test.ts). esbuild wraps a module
// that is imported lazily so that it runs on first use; the wrapper finds the
// module's code under its source path with Object.getOwnPropertyNames, which
// the bundle keeps as __getOwnPropNames: watching that call sees each module
// start. Modules the bundle runs at once are not wrapped; the test adds those.
import { appendFileSync } from "node:fs";
import process from "node:process";

const file = process.env.KEHOACH_TRACE_LOADS;
const names = Object.getOwnPropertyNames;
const MODULE = /^(src|node_modules)\/.+\.(ts|js|mjs|cjs)$/;
if (file) {
  Object.getOwnPropertyNames = function (o) {
    const keys = names(o);
    if (keys.length === 1 && MODULE.test(keys[0]) && typeof o[keys[0]] === "function") appendFileSync(file, `${keys[0]}\n`);
    return keys;
  };
}
