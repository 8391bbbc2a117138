// `kehoach serve --open`: the command starts the browser on its own address
// ($BROWSER says which program, as xdg-open reads it), and a machine with no
// browser still gets a working server and the address to open by hand.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT } from "../src/paths.ts";
import { browserCommand } from "../src/serve/open.ts";
import { tempDir } from "./helpers/run.ts";

const BIN = join(ROOT, "dist/cli/bin.cjs");
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGTERM");
  child = undefined;
});

/** Runs `kehoach serve <folder> --open` until it prints its address. */
async function serveOpen(env: NodeJS.ProcessEnv): Promise<{ url: string; out: () => string; err: () => string; exit: Promise<number | null> }> {
  const dir = tempDir("kehoach-open-");
  cpSync(join(ROOT, "data/bac-kan-ct25.yaml"), join(dir, "bac-kan-ct25.yaml"));
  const c = spawn(process.execPath, [BIN, "serve", dir, "--open"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child = c;
  let out = "";
  let err = "";
  c.stdout!.on("data", (b: Buffer) => (out += b.toString("utf8")));
  c.stderr!.on("data", (b: Buffer) => (err += b.toString("utf8")));
  const exit = new Promise<number | null>((ok) => c.on("exit", (code) => ok(code)));
  await expect.poll(() => out, { timeout: 30_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
  return { url: /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0], out: () => out, err: () => err, exit };
}

describe.skipIf(!existsSync(BIN))("kehoach serve --open", () => {
  it("starts the browser named by $BROWSER on the printed address", async () => {
    const dir = tempDir("kehoach-browser-");
    const log = join(dir, "opened.txt");
    const fake = join(dir, "trinh-duyet.sh");
    writeFileSync(fake, `#!/bin/sh\nprintf '%s' "$1" > '${log}'\n`);
    chmodSync(fake, 0o755);
    const s = await serveOpen({ BROWSER: fake });
    await expect.poll(() => (existsSync(log) ? readFileSync(log, "utf8") : ""), { timeout: 15_000 }).toBe(s.url);
    // and the address it opened is the page
    const page = await fetch(s.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("kehoach");
    expect(s.err()).not.toContain("không mở được trình duyệt");
    child!.kill("SIGTERM");
    expect(await s.exit).toBe(0);
  });

  it("keeps serving and says to open the address by hand when there is no browser", async () => {
    const s = await serveOpen({ BROWSER: "/khong-co/trinh-duyet" });
    await expect.poll(() => s.err(), { timeout: 15_000 }).toContain("không mở được trình duyệt");
    expect(s.err()).toContain(s.url);
    expect(s.err()).not.toMatch(/\n\s+at /); // no stack trace
    expect((await fetch(`${s.url}api/plans`, { headers: { "X-Kehoach": "1" } })).status).toBe(200);
    child!.kill("SIGTERM");
    expect(await s.exit).toBe(0);
  });

  it("reads $BROWSER as xdg-open does: the first candidate, %s for the address", () => {
    const url = "http://127.0.0.1:4321/";
    expect(browserCommand(url, { BROWSER: "firefox --new-window %s:chromium" }, "linux")).toEqual({ cmd: "firefox", args: ["--new-window", url] });
    expect(browserCommand(url, {}, "linux")).toEqual({ cmd: "xdg-open", args: [url] });
    expect(browserCommand(url, {}, "darwin").cmd).toBe("open");
  });
});
