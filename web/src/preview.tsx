// The live preview: our own PDF, drawn by pdf.js with a text layer (so the
// text can be found, selected and scrolled to).
import { getDocument, GlobalWorkerOptions, PDFWorker, TextLayer, type PageViewport, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist";
import { useEffect, useRef } from "preact/hooks";

GlobalWorkerOptions.workerSrc = "/pdf.worker.min.mjs";

const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, "").toLocaleLowerCase("vi");

/** Scrolls the preview to the first place that shows `text`; true when found. */
export function scrollToText(container: HTMLElement, text: string): boolean {
  const want = squash(text);
  if (want.length < 4) return false;
  for (const layer of container.querySelectorAll<HTMLElement>(".textLayer")) {
    const spans = [...layer.querySelectorAll<HTMLElement>("span")].filter((s) => !s.querySelector("span"));
    let all = "";
    const starts: number[] = [];
    for (const s of spans) {
      starts.push(all.length);
      all += squash(s.textContent ?? "");
    }
    const at = all.indexOf(want);
    if (at < 0) continue;
    let i = starts.findIndex((s, k) => s <= at && (starts[k + 1] ?? Infinity) > at);
    if (i < 0) i = 0;
    const span = spans[i]!;
    const box = container.getBoundingClientRect();
    const r = span.getBoundingClientRect();
    container.scrollTop += r.top - box.top - box.height / 3;
    container.querySelectorAll(".hit").forEach((e) => e.classList.remove("hit"));
    span.classList.add("hit");
    return true;
  }
  return false;
}

/** One worker for every preview: starting pdf.js's worker costs more than a small PDF. */
let worker: PDFWorker | undefined;
let observer: IntersectionObserver | undefined;
let lastDoc: PDFDocumentProxy | undefined;

/**
 * Draws a PDF in the container: every page's box and text layer first (cheap,
 * and enough to find and scroll to the text), then the canvases, visible pages
 * first. Until a page's new canvas is drawn it shows the previous one.
 */
async function draw(el: HTMLElement, bytes: Uint8Array, isCancelled: () => boolean, focus: () => string, shown: () => void): Promise<boolean> {
  worker ??= new PDFWorker();
  const doc = await getDocument({ data: bytes, worker, isEvalSupported: false }).promise;
  let keepOpen: PDFDocumentProxy | undefined;
  try {
    const width = Math.max(300, el.clientWidth - 24);
    const old = new Map([...el.querySelectorAll<HTMLElement>(".page")].map((p) => [p.dataset.page, p.querySelector("canvas")]));
    const boxes: { box: HTMLElement; page: PDFPageProxy; viewport: PageViewport }[] = [];
    // ask for every page's text at once: one worker round trip instead of one per page
    const pages = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1).then(async (page) => ({ page, text: await page.getTextContent() }))));
    for (const { page, text } of pages) {
      const n = page.pageNumber;
      const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
      const box = document.createElement("div");
      box.className = "page";
      box.dataset.page = String(n);
      box.style.width = `${viewport.width}px`;
      box.style.height = `${viewport.height}px`;
      box.style.setProperty("--total-scale-factor", String(viewport.scale));
      const stale = old.get(String(n));
      if (stale) box.append(stale);
      const layer = document.createElement("div");
      layer.className = "textLayer";
      box.append(layer);
      await new TextLayer({ textContentSource: text, container: layer, viewport }).render();
      if (isCancelled()) return false;
      boxes.push({ box, page, viewport });
    }
    const top = el.scrollTop;
    el.replaceChildren(...boxes.map((b) => b.box));
    el.scrollTop = top;
    if (focus()) scrollToText(el, focus());
    // canvases only for the pages on screen (and as they come into view): drawing is main-thread work
    const ratio = window.devicePixelRatio || 1;
    let first = true;
    const paint = async (b: (typeof boxes)[number]) => {
      if (isCancelled() || b.box.dataset.painted) return;
      b.box.dataset.painted = "1";
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(b.viewport.width * ratio);
      canvas.height = Math.floor(b.viewport.height * ratio);
      canvas.style.width = `${b.viewport.width}px`;
      canvas.style.height = `${b.viewport.height}px`;
      await b.page.render({ canvas, viewport: b.viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
      b.box.querySelector("canvas")?.remove();
      b.box.prepend(canvas);
      if (first) {
        first = false;
        shown();
      }
    };
    observer?.disconnect();
    const byBox = new Map(boxes.map((b) => [b.box, b]));
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) void paint(byBox.get(e.target as HTMLElement)!).catch(() => {});
      },
      { root: el, rootMargin: "300px 0px" },
    );
    observer = io;
    for (const b of boxes) io.observe(b.box);
    keepOpen = doc;
    return true;
  } finally {
    // the document stays open while its pages may still be painted; the previous one is closed
    if (lastDoc && lastDoc !== keepOpen) void lastDoc.destroy();
    lastDoc = keepOpen;
    if (keepOpen !== doc) void doc.destroy();
  }
}

export function Preview(props: { pdf: string | undefined; focus: string; onRendered: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const focusRef = useRef(props.focus);
  focusRef.current = props.focus;
  useEffect(() => {
    const el = ref.current;
    if (!el || !props.pdf) return;
    let cancelled = false;
    const bytes = Uint8Array.from(atob(props.pdf), (c) => c.charCodeAt(0));
    draw(el, bytes, () => cancelled, () => focusRef.current, props.onRendered).catch((e) => console.error(e));
    return () => {
      cancelled = true;
    };
  }, [props.pdf]);
  useEffect(() => {
    if (ref.current && props.focus) scrollToText(ref.current, props.focus);
  }, [props.focus]);
  return <div class="preview" ref={ref} data-testid="preview" />;
}
