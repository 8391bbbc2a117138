#!/usr/bin/env node
// The `kehoach` command. Runs main() whatever path or symlink it is started
// through (npm links .bin/kehoach to this file). The code itself is the bundle
// next to this file, compiled with V8's code cache (batch/load-bundle.ts).
import { fileURLToPath } from "node:url";
import { loadBundle } from "../batch/load-bundle.ts";
import type * as Bundle from "./bundle-entry.ts";

const argv = process.argv.slice(2);
// each command compiles other functions: one code cache per command
const command = argv.find((a) => !a.startsWith("-")) ?? "help";
const PARTS = new Set(["build", "check", "init", "adapt", "import", "diff", "serve", "schema"]);
const { exports: kehoach } = loadBundle<typeof Bundle>(fileURLToPath(new URL("./kehoach.cjs", import.meta.url)), PARTS.has(command) ? command : "other");

kehoach.main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${kehoach.internalMessage(e)}\n`);
    process.exitCode = 3;
  },
);
