// Reads templates/phrases.yaml once per process, validated, errors at their place.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { phrasesSchema, type Phrases } from "../model/phrases.ts";
import { parseYamlSource } from "./source.ts";
import { validateSource } from "./validate.ts";

export const PHRASES_FILE = fileURLToPath(new URL("../../templates/phrases.yaml", import.meta.url));

let cached: Phrases | undefined;
export function phrases(): Phrases {
  return (cached ??= validateSource(parseYamlSource(PHRASES_FILE, readFileSync(PHRASES_FILE, "utf8")), phrasesSchema));
}
