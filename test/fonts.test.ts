// The PDF font: --font-dir wins, the choice is reported with --verbose, and the
// bundled Tinos is what a fresh machine uses.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFonts } from "../src/render/pdf/index.ts";
import { runCli, tempDir } from "./helpers/run.ts";
import { has } from "./helpers/tools.ts";

const LIBERATION = "/usr/share/fonts/truetype/liberation2";

describe("PDF fonts", () => {
  it("falls back to the bundled Tinos, with its four faces", async () => {
    const fonts = await loadFonts();
    // on a machine with Times New Roman installed that one is chosen instead
    expect(fonts.name).toMatch(/Tinos|Times New Roman/);
    expect(Object.keys(fonts.faces).sort()).toEqual(["bold", "boldItalic", "italic", "regular"]);
  });

  it.skipIf(!existsSync(LIBERATION) || !has("pdffonts"))("uses --font-dir and says so with --verbose", async () => {
    const out = tempDir();
    const r = await runCli(["build", "data/bac-kan-ct25.yaml", "-o", out, "-f", "pdf", "--font-dir", LIBERATION, "--verbose"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/phông chữ PDF: .*Liberation/);
    const fonts = execFileSync("pdffonts", [join(out, "bac-kan-ct25.pdf")], { encoding: "utf8" });
    expect(fonts).toMatch(/[A-Z]{6}\+LiberationSerif/);
    expect(fonts).not.toMatch(/Tinos/);
  });
});
