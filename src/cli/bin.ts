#!/usr/bin/env node
// The `kehoach` command. Runs main() whatever path or symlink it is started
// through (npm links .bin/kehoach to this file).
import { main } from "./main.ts";
import { internalMessage } from "../errors.ts";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${internalMessage(e)}\n`);
    process.exitCode = 3;
  },
);
