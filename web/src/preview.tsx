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

/** The numbers of the pages now on screen in the container (the first two before anything is drawn). */
function pagesOnScreen(el: HTMLElement): Set<number> {
  const top = el.scrollTop;
  const bottom = top + el.clientHeight;
  const on = [...el.querySelectorAll<HTMLElement>(".page")].filter((p) => p.offsetTop < bottom && p.offsetTop + p.offsetHeight > top).map((p) => Number(p.dataset.page));
  return new Set(on.length ? on : [1, 2]);
}

interface PageBox {
  n: number;
  box: HTMLElement;
  layer: HTMLElement;
  page: PDFPageProxy;
  viewport: PageViewport;
}

/**
 * Draws a PDF in the container. The pages on screen come first: their text
 * layers (enough to find and scroll to the text), then the page boxes are
 * swapped in and the canvases drawn as pages come into view; the other pages'
 * text layers follow. Until a page's new canvas is drawn it shows the
 * previous one, so the preview never goes blank.
 */
async function draw(el: HTMLElement, bytes: Uint8Array, isCancelled: () => boolean, focus: () => string, shown: () => void): Promise<boolean> {
  worker ??= new PDFWorker();
  performance.mark("kh:decoded");
  const doc = await getDocument({ data: bytes, worker, isEvalSupported: false }).promise;
  performance.mark("kh:parsed");
  let keepOpen: PDFDocumentProxy | undefined;
  try {
    const width = Math.max(300, el.clientWidth - 24);
    const old = new Map([...el.querySelectorAll<HTMLElement>(".page")].map((p) => [p.dataset.page, p.querySelector("canvas")]));
    const first = pagesOnScreen(el);
    const pages = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
    const boxes: PageBox[] = pages.map((page) => {
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
      return { n, box, layer, page, viewport };
    });
    const fill = async (b: PageBox) => {
      const text = await b.page.getTextContent();
      await new TextLayer({ textContentSource: text, container: b.layer, viewport: b.viewport }).render();
    };
    // canvases only for the pages on screen (and as they come into view): drawing is main-thread work;
    // a canvas is drawn off screen and shows once its box is swapped in
    const ratio = window.devicePixelRatio || 1;
    let painted = false;
    const announce = () => {
      if (painted) return;
      painted = true;
      performance.mark("kh:painted");
      shown();
    };
    const paint = async (b: PageBox) => {
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
      b.box.dataset.fresh = "1";
      if (b.box.isConnected) announce();
    };
    // the pages on screen: their text asked for at once (one worker round trip, not one per page),
    // then their canvases (the worker answers in order)
    const shownText = Promise.all(boxes.filter((b) => first.has(b.n)).map(fill));
    const onScreen = Promise.all(boxes.filter((b) => first.has(b.n)).map(paint)).catch(() => {});
    await shownText;
    performance.mark("kh:text-content");
    if (isCancelled()) return false;
    performance.mark("kh:text-ready");
    const top = el.scrollTop;
    el.replaceChildren(...boxes.map((b) => b.box));
    el.scrollTop = top;
    if (boxes.some((b) => b.box.dataset.fresh)) announce();
    const found = focus() ? scrollToText(el, focus()) : true;
    observer?.disconnect();
    const byBox = new Map(boxes.map((b) => [b.box, b]));
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) void paint(byBox.get(e.target as HTMLElement)!).catch(() => {});
      },
      { root: el, rootMargin: "100px 0px" },
    );
    observer = io;
    for (const b of boxes) io.observe(b.box);
    // then the other pages' text (not awaited: a newer PDF may replace this one meanwhile)
    void onScreen
      .then(() => Promise.all(boxes.filter((b) => !first.has(b.n)).map(fill)))
      .then(() => {
        if (!isCancelled() && !found && focus()) scrollToText(el, focus());
      })
      .catch(() => {});
    keepOpen = doc;
    return true;
  } finally {
    // the document stays open while its pages may still be painted; the previous one is closed
    if (lastDoc && lastDoc !== keepOpen) void lastDoc.destroy();
    lastDoc = keepOpen;
    if (keepOpen !== doc) void doc.destroy();
  }
}

export function Preview(props: { pdf: Uint8Array | undefined; focus: string; onRendered: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const focusRef = useRef(props.focus);
  focusRef.current = props.focus;
  useEffect(() => {
    const el = ref.current;
    if (!el || !props.pdf) return;
    let cancelled = false;
    draw(el, props.pdf, () => cancelled, () => focusRef.current, props.onRendered).catch((e) => console.error(e));
    return () => {
      cancelled = true;
    };
  }, [props.pdf]);
  useEffect(() => {
    if (ref.current && props.focus) scrollToText(ref.current, props.focus);
  }, [props.focus]);
  return <div class="preview" ref={ref} data-testid="preview" />;
}
