// `kehoach serve [folder]`: the page on this machine only (127.0.0.1 unless
// --host says otherwise). Loaded by the CLI only for this command, so other
// commands do not pay for the server stack.
import { access, realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { Io } from "../cli/build.ts";
import { UserError } from "../errors.ts";
import { createApp, WEB_DIST } from "./app.ts";
import { allowedHosts } from "./guard.ts";
import { openBrowser } from "./open.ts";
import { Workspace } from "./workspace.ts";

export interface ServeOptions {
  port?: number | undefined;
  host?: string | undefined;
  open?: boolean | undefined;
}

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(folder: string, o: ServeOptions = {}): Promise<Running> {
  const dir = resolve(folder);
  const s = await stat(dir).catch(() => undefined);
  if (!s?.isDirectory()) throw new UserError("E_FILE_NOT_FOUND", "Không tìm thấy thư mục kế hoạch (folder not found)", { location: { file: folder } });
  if (!(await access(join(WEB_DIST, "app.js")).then(() => true, () => false))) {
    throw new UserError("E_SERVE", "Trang web chưa được dựng: chạy npm run build:web (page bundle missing)", { location: { file: WEB_DIST } });
  }
  const host = o.host ?? "127.0.0.1";
  let port = o.port ?? 0;
  const ws = new Workspace(dir, await realpath(dir));
  const app = createApp(ws, { hosts: () => allowedHosts(host, port) });
  const server = await new Promise<ServerType>((ok, fail) => {
    const srv = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      port = info.port;
      ok(srv);
    });
    srv.once("error", (e: NodeJS.ErrnoException) =>
      fail(new UserError("E_SERVE", e.code === "EADDRINUSE" ? `Cổng ${port} đang được dùng: chọn cổng khác bằng --port (port in use)` : `Không mở được máy chủ: ${e.code ?? e.message}`, { path: "--port", found: String(port) })),
    );
  });
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return {
    url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}/`,
    port,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

export async function serveCommand(folder: string, o: ServeOptions, io: Io): Promise<number> {
  let running: Running;
  try {
    running = await startServer(folder, o);
  } catch (e) {
    if (e instanceof UserError) {
      io.err(e.format());
      return e.exitCode;
    }
    throw e;
  }
  io.out(`kehoach đang phục vụ ${resolve(folder)} tại ${running.url} (Ctrl-C để dừng)`);
  if (o.host && o.host !== "127.0.0.1" && o.host !== "localhost" && o.host !== "::1") io.err(`cảnh báo: máy chủ nghe trên ${o.host}: máy khác trong mạng có thể mở trang này`);
  if (o.open) openBrowser(running.url, (m) => io.err(`cảnh báo: ${m}`));
  await new Promise<void>((done) => {
    const stop = () => void running.close().then(done);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
