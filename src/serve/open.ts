// `kehoach serve --open`: the page's address in the user's browser. $BROWSER
// names the program when set (as xdg-open and Python's webbrowser read it:
// candidates separated by ":", "%s" standing for the address); otherwise the
// system's opener. Having no browser is not an error: the address is printed
// anyway, with a note saying to open it by hand.
import { spawn } from "node:child_process";

/** The program and arguments that open `url`. */
export function browserCommand(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): { cmd: string; args: string[] } {
  const chosen = env.BROWSER?.split(":").map((s) => s.trim()).find((s) => s !== "");
  if (chosen) {
    const words = chosen.split(/\s+/);
    const args = words.slice(1).map((w) => w.replaceAll("%s", url));
    return { cmd: words[0]!, args: chosen.includes("%s") ? args : [...args, url] };
  }
  if (platform === "darwin") return { cmd: "open", args: [url] };
  if (platform === "win32") return { cmd: "explorer", args: [url] };
  return { cmd: "xdg-open", args: [url] };
}

/**
 * Starts the browser and does not wait for it. `note` is told (once) when it
 * could not be started or its opener failed.
 */
export function openBrowser(url: string, note: (message: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  const { cmd, args } = browserCommand(url, env);
  let told = false;
  const fail = (why: string) => {
    if (told) return;
    told = true;
    note(`không mở được trình duyệt (${cmd}: ${why}); hãy tự mở địa chỉ ${url} (no browser)`);
  };
  try {
    const child = spawn(cmd, args, { stdio: "ignore", detached: true, env });
    child.on("error", (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) fail(`mã thoát ${code}`);
    });
    child.unref();
  } catch (e) {
    fail((e as Error).message);
  }
}
