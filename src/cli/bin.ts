#!/usr/bin/env node
// The `kehoach` command. Runs main() whatever path or symlink it is started
// through (npm links .bin/kehoach to this file). In the package the code is
// the bundle next to this file, compiled with V8's code cache
// (batch/load-bundle.ts); run from the sources (tsx), it is the sources.
import { fileURLToPath } from "node:url";
import { loadBundle } from "../batch/load-bundle.ts";
import type * as Bundle from "./bundle-entry.ts";

const argv = process.argv.slice(2);
// each command compiles other functions: one code cache per command
const command = argv.find((a) => !a.startsWith("-")) ?? "help";
const PARTS = new Set(["build", "check", "init", "adapt", "import", "diff", "serve", "schema"]);
// (a specifier in a variable: esbuild leaves it alone instead of bundling the sources into bin.js)
const SOURCES = "./bundle-entry.ts";
const kehoach: typeof Bundle = import.meta.url.endsWith(".ts")
  ? ((await import(SOURCES)) as typeof Bundle)
  : loadBundle<typeof Bundle>(fileURLToPath(new URL("./kehoach.cjs", import.meta.url)), PARTS.has(command) ? command : "other").exports;

kehoach.main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${kehoach.internalMessage(e)}\n`);
    process.exitCode = 3;
  },
);
