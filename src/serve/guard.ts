// Requests from anything but this page are refused: a Host that is not the
// address we listen on (DNS rebinding) or an Origin of another site.
import type { MiddlewareHandler } from "hono";

/** host[:port] names this server answers to. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host, "127.0.0.1", "localhost", "[::1]"]);
  if (host === "0.0.0.0" || host === "::") names.delete(host);
  return new Set([...names].map((h) => `${h.includes(":") && !h.startsWith("[") ? `[${h}]` : h}:${port}`.toLowerCase()));
}

export function hostGuard(hosts: () => Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header("host") ?? "").toLowerCase();
    if (!hosts().has(host)) return c.json({ error: `Từ chối: địa chỉ máy chủ lạ "${host}" (foreign Host)` }, 403);
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      let ok = false;
      try {
        const u = new URL(origin);
        ok = u.protocol === "http:" && hosts().has(u.host.toLowerCase());
      } catch {
        ok = false;
      }
      if (!ok) return c.json({ error: `Từ chối: yêu cầu từ trang khác "${origin}" (foreign Origin)` }, 403);
    }
    // the page's own requests always say so; a plain form on another site cannot set this header
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.header("x-kehoach") !== "1") {
      return c.json({ error: "Từ chối: thiếu tiêu đề X-Kehoach (missing X-Kehoach header)" }, 403);
    }
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'");
  };
}
