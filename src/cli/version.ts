// The installed version, read from the package's own package.json (the same
// file in a checkout, under src/, and in the package, under dist/).
import { readFileSync } from "node:fs";
import { PACKAGE_JSON } from "../paths.ts";

export const VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { version: string }).version;
