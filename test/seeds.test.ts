// Every sample plan in data/ reproduces its reference document: the words of
// the generated DOCX, in reading order, against the seed text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { docxText } from "./helpers/docx-text.ts";
import { similarity, words } from "./helpers/words.ts";
import { SAMPLES } from "./fixtures/samples.ts";


describe.each(SAMPLES)("$plan as DOCX", ({ plan: file, seed, min, family }) => {
  it(`says what seed ${seed.slice(0, 3)} says (similarity ≥ ${min})`, async () => {
    const { plan } = await loadPlan(file);
    expect(plan.family).toBe(family);
    const text = docxText(await renderDocx(planToDocument(plan)));
    const sim = similarity(words(text), words(readFileSync(`test/fixtures/seeds/${seed}`, "utf8")));
    console.log(`${file}: DOCX similarity ${sim.toFixed(4)}`);
    expect(sim).toBeGreaterThanOrEqual(min);
  });
});
