// Every sample plan in data/ reproduces its reference document: the words of
// the generated DOCX, in reading order, against the seed text.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { docxText } from "./helpers/docx-text.ts";
import { similarity, words } from "./helpers/words.ts";

export const SAMPLES = [
  { plan: "data/bac-kan-ct25.yaml", seed: "001_5b3198c1a597e194.txt", min: 0.97, family: "state" },
  { plan: "data/hung-yen-nq20.yaml", seed: "002_9f49aac2b4a91be7.txt", min: 0.97, family: "party" },
  { plan: "data/lai-chau-syt-2025.yaml", seed: "003_2f70747e408638d8.txt", min: 0.97, family: "state" },
  // the seed's text lacks its header: ours adds a plausible one
  { plan: "data/xa-nq72.yaml", seed: "004_bb1c804f6b92b670.txt", min: 0.95, family: "party" },
] as const;

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
