// Reads templates/phrases.yaml once per process, validated, errors at their place.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TEMPLATES_DIR } from "../paths.ts";
import { phrasesSchema, type Phrases } from "../model/phrases.ts";
import { parseYamlSource } from "./source.ts";
import { validateSource } from "./validate.ts";

export const PHRASES_FILE = join(TEMPLATES_DIR, "phrases.yaml");

let cached: Phrases | undefined;
export function phrases(): Phrases {
  return (cached ??= validateSource(parseYamlSource(PHRASES_FILE, readFileSync(PHRASES_FILE, "utf8")), phrasesSchema));
}
