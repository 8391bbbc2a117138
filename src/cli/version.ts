// The installed version, read from the package's own package.json (the same
// file in a checkout, under src/, and in the package, under dist/).
import { readFileSync } from "node:fs";

export const VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
