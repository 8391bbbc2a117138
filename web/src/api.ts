// The page's calls to its own server (same origin; the header marks them as ours).
export interface Diagnostic {
  severity: "error" | "warning" | "placeholder";
  code: string;
  message: string;
  path: string;
  line: number;
  col: number;
  expected?: string;
  found?: string;
  text: string;
}
export interface Agency {
  id: string;
  name: string;
}
export interface Evaluation {
  diagnostics: Diagnostic[];
  agencies: Agency[];
  deadlines: string[];
  ok: boolean;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

async function check(r: Response): Promise<Response> {
  if (r.ok) return r;
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  throw new ApiError(String(body.error ?? `HTTP ${r.status}`), r.status, body);
}

export async function getJson<T>(url: string): Promise<T> {
  return (await (await check(await fetch(url))).json()) as T;
}

export async function post(url: string, body: unknown): Promise<Response> {
  return check(await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Kehoach": "1" }, body: JSON.stringify(body) }));
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  return (await (await post(url, body)).json()) as T;
}

/** Saves the response of a POST as a file the browser downloads. */
export async function downloadPost(url: string, body: unknown): Promise<void> {
  const r = await post(url, body);
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers.get("content-disposition") ?? "")?.[1] ?? "tai-ve");
  const href = URL.createObjectURL(await r.blob());
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** POST /api/preview: the evaluation, and the PDF's bytes (none while the plan has errors). */
export async function postPreview(body: unknown, signal?: AbortSignal): Promise<{ ev: Evaluation; pdf?: Uint8Array }> {
  const r = await check(await fetch("/api/preview", { method: "POST", headers: { "Content-Type": "application/json", "X-Kehoach": "1" }, body: JSON.stringify(body), signal }));
  const bytes = new Uint8Array(await r.arrayBuffer());
  const n = Number(r.headers.get("X-Kehoach-Json-Bytes"));
  const ev = JSON.parse(new TextDecoder().decode(bytes.subarray(0, n))) as Evaluation;
  return { ev, pdf: bytes.length > n ? bytes.slice(n) : undefined };
}
