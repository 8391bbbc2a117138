// Every sample plan in data/ reproduces its reference document: the words of
// the generated DOCX, in reading order, against the seed text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { docxText } from "./helpers/docx-text.ts";
import { parse } from "yaml";
import { forEachString } from "../src/model/path.ts";
import { similarity, strictTokens, words } from "./helpers/words.ts";
import { SAMPLES } from "./fixtures/samples.ts";

describe.each(SAMPLES)("$plan as DOCX", ({ plan: file, seed, min, strictMin, family }) => {
  it(`says what seed ${seed.slice(0, 3)} says (words ≥ ${min}; with punctuation, numbering and capitals ≥ ${strictMin})`, async () => {
    const { plan } = await loadPlan(file);
    expect(plan.family).toBe(family);
    const text = docxText(await renderDocx(planToDocument(plan)));
    const reference = readFileSync(`test/fixtures/seeds/${seed}`, "utf8");
    const sim = similarity(words(text), words(reference));
    const strict = similarity(strictTokens(text), strictTokens(reference));
    console.log(`${file}: DOCX similarity ${sim.toFixed(4)}, strict ${strict.toFixed(4)}`);
    expect(sim).toBeGreaterThanOrEqual(min);
    expect(strict).toBeGreaterThanOrEqual(strictMin);
    // the plan's own strings, in file order, are not enough: the strict measure
    // needs the tool's numbering, citations, header and appendix
    const own: string[] = [];
    forEachString(parse(readFileSync(file, "utf8")), (v) => void own.push(v));
    const yamlOnly = similarity(strictTokens(own.join("\n")), strictTokens(reference));
    console.log(`${file}: the YAML's strings alone, strict ${yamlOnly.toFixed(4)}`);
    expect(yamlOnly).toBeLessThan(strictMin);
  });
});
