// The PDF font: --font-dir wins, the choice is reported with --verbose, and the
// bundled Tinos is what a fresh machine uses.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFonts } from "../src/render/pdf/index.ts";
import { runCli, tempDir } from "./helpers/run.ts";
import { has } from "./helpers/tools.ts";

const LIBERATION = "/usr/share/fonts/truetype/liberation2";

describe("PDF fonts", () => {
  it("falls back to the bundled Tinos, with its four faces, when no Times New Roman is installed", async () => {
    const fonts = await loadFonts({ systemDirs: [tempDir("no-fonts-")] });
    expect(fonts.name).toBe("Tinos");
    expect(fonts.source).toBe(resolve("templates/fonts/tinos"));
    expect(Object.keys(fonts.faces).sort()).toEqual(["bold", "boldItalic", "italic", "regular"]);
  });

  it("prefers an installed Times New Roman (its four faces, found by file name) to the bundled Tinos", async () => {
    // stand-in faces under Times New Roman's file names: the family name is read from the font itself
    const dir = tempDir("tnr-");
    const tinos = resolve("templates/fonts/tinos");
    for (const [from, to] of [["Regular", "times"], ["Bold", "timesbd"], ["Italic", "timesi"], ["BoldItalic", "timesbi"]]) {
      copyFileSync(join(tinos, `Tinos-${from}.ttf`), join(dir, `${to}.ttf`));
    }
    const fonts = await loadFonts({ systemDirs: [tempDir("empty-"), dir] });
    expect(fonts.source).toBe(dir);
    expect(fonts.faces.bold.file).toBe(join(dir, "timesbd.ttf"));
    // three faces are not enough: the bundled Tinos is used
    rmSync(join(dir, "timesbi.ttf"));
    expect((await loadFonts({ systemDirs: [dir] })).source).toBe(tinos);
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
