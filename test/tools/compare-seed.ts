// Compares a plan's DOCX words with a seed text: prints the similarity and
// where the word sequences differ. Usage:
//   npx tsx test/tools/compare-seed.ts data/hung-yen-nq20.yaml test/fixtures/seeds/002_9f49aac2b4a91be7.txt
import { readFileSync } from "node:fs";
import { UserError } from "../../src/errors.ts";
import { loadPlan } from "../../src/load/plan.ts";
import { planToDocument } from "../../src/pipeline.ts";
import { renderDocx } from "../../src/render/docx/index.ts";
import { docxText } from "../helpers/docx-text.ts";
import { similarity, words } from "../helpers/words.ts";

async function run(): Promise<void> {
  const [planFile, seedFile] = process.argv.slice(2);
  if (!planFile || !seedFile) throw new Error("usage: compare-seed <plan.yaml> <seed.txt>");
  const { plan } = await loadPlan(planFile);
  const ours = words(docxText(await renderDocx(planToDocument(plan))));
  const seed = words(readFileSync(seedFile, "utf8"));
  console.log(`similarity ${similarity(ours, seed).toFixed(4)} (ours ${ours.length} words, seed ${seed.length})`);
  // a simple diff: walk both sequences with an LCS table over a window
  const n = ours.length;
  const m = seed.length;
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = ours[i] === seed[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  let i = 0;
  let j = 0;
  const extra: string[] = [];
  const missing: string[] = [];
  const flush = () => {
    if (extra.length || missing.length) console.log(`  near "${seed.slice(Math.max(0, j - 4), j).join(" ")}": ours +[${extra.join(" ")}] seed +[${missing.join(" ")}]`);
    extra.length = 0;
    missing.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && ours[i] === seed[j]) {
      flush();
      i++;
      j++;
    } else if (j >= m || (i < n && dp[i + 1]![j]! >= dp[i]![j + 1]!)) extra.push(ours[i++]!);
    else missing.push(seed[j++]!);
  }
  flush();
}

run().catch((e) => {
  if (e instanceof UserError) console.error(e.format());
  else console.error(e);
  process.exitCode = 1;
});
