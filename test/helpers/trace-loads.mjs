// node --import ./test/helpers/trace-loads.mjs dist/cli/bin.cjs …: appends to
// the file named by KEHOACH_TRACE_LOADS what the command runs
// (startup.test.ts):
//  - the URL of every file of ours Node loads as a module (bin.cjs);
//  - the name of every module of the bundle dist/cli/kehoach.cjs that starts.
//    esbuild wraps a module that is imported lazily so that it runs on first
//    use; the wrapper finds the module's code under its source path with
//    Object.getOwnPropertyNames, which the bundle keeps as __getOwnPropNames:
//    watching that call sees each module start. The test adds the modules the
//    bundle runs at once, unwrapped, when the bundle was loaded.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { pathToFileURL } from "node:url";
import process from "node:process";

const file = process.env.KEHOACH_TRACE_LOADS;
if (file) {
  const hooks = `
import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  appendFileSync(${JSON.stringify(file)}, url + "\\n");
  return next(url, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  // CommonJS files (the command line is one) go through Module#_compile
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    appendFileSync(file, `${pathToFileURL(filename).href}\n`);
    return compile.call(this, content, filename);
  };
  const names = Object.getOwnPropertyNames;
  const MODULE = /^(src|node_modules)\/.+\.(ts|js|mjs|cjs)$/;
  Object.getOwnPropertyNames = function (o) {
    const keys = names(o);
    if (keys.length === 1 && MODULE.test(keys[0]) && typeof o[keys[0]] === "function") appendFileSync(file, `${keys[0]}\n`);
    return keys;
  };
}
