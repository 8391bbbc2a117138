#!/usr/bin/env node
// The `kehoach` command. Runs main() whatever path or symlink it is started
// through (npm links .bin/kehoach to this file). This file holds only the
// command line (commander): `--help` starts in the time of Node itself. The
// commands' code is the bundle next to it, compiled with V8's code cache when a
// command runs (batch/load-bundle.ts); run from the sources (tsx), the sources.
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { loadBundle } from "../batch/load-bundle.ts";
import { internalMessage } from "../errors.ts";
import type * as Core from "./commands.ts";
import { main, type LoadCommands } from "./main.ts";

// The young generation stays at its first size instead of doubling as the heap grows: on
// machines where a first touch of memory is dear (a Firecracker VM here: ~15 µs a page, so a
// build's ~64 MB cost ~250 ms), a build of one plan faulted 17% fewer pages and ran ~7% faster,
// and 20 plans 25% fewer (cachegrind: +3% instructions, more scavenges). Process-wide: workers
// share it. Set before the bundle is compiled, so its V8 code cache is always made under it.
setFlagsFromString("--semi-space-growth-factor=1");

const argv = process.argv.slice(2);
// each command compiles other functions: one code cache per command (the bundle is loaded
// only when a command runs, so the first word that is not an option names it)
const command = argv.find((a) => !a.startsWith("-")) ?? "other";
// (a specifier in a variable: esbuild leaves it alone instead of bundling the sources into bin.cjs)
const SOURCES = "./commands.ts";
let core: typeof Core | undefined;
const load: LoadCommands = import.meta.url.endsWith(".ts")
  ? async () => ((await import(SOURCES)) as typeof Core).commands
  : () => {
      if (!core) {
        const bundle = loadBundle<typeof Core>(fileURLToPath(new URL("./kehoach.cjs", import.meta.url)), command);
        core = bundle.exports;
        process.once("exit", bundle.saveCache);
      }
      return core.commands;
    };

main(argv, load).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${internalMessage(e)}\n`);
    process.exitCode = 3;
  },
);
