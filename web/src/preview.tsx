// The live preview: our own PDF, drawn by pdf.js with a text layer (so the
// text can be found, selected and scrolled to).
import { getDocument, GlobalWorkerOptions, PDFWorker, TextLayer, type PageViewport, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist";
import type { TextContent } from "pdfjs-dist/types/src/display/api";
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

/** How long typing must pause before the text of the pages off screen is extracted. */
const REST_AFTER_MS = 600;

/** Completes the text layers of the PDF shown (false when a newer PDF replaced it). */
let textOfAllPages: () => Promise<boolean> = () => Promise.resolve(true);

interface PageBox {
  n: number;
  box: HTMLElement;
  layer: HTMLElement;
  page: PDFPageProxy;
  viewport: PageViewport;
  /** resolves once the page's text layer is in place (new, or the old page's when nothing changed) */
  ready?: Promise<void>;
  sig?: string;
}

/** What a text layer or a canvas shows: its page's signature (see pageSignature). */
const shows = new WeakMap<HTMLElement, string>();

function pageSignature(text: TextContent, viewport: PageViewport): string {
  const items = text.items.map((i) => ("str" in i ? `${i.str}|${i.fontName}|${i.transform.join(",")}|${i.width}` : "")).join("\n");
  return `${viewport.width}x${viewport.height}\n${items}`;
}

/**
 * Draws a PDF in the container. The pages on screen come first: their text
 * layers (enough to find and scroll to the text) and canvases; then the page
 * boxes are swapped in, and the other pages follow (canvases as they come
 * into view). A page whose text, fonts and places are the same as before
 * keeps its old text layer and canvas: an edit usually changes one page, and
 * drawing a page is the costliest step. Until a changed page's new canvas is
 * drawn it shows the previous one, so the preview never goes blank.
 */
async function draw(el: HTMLElement, bytes: Uint8Array, isCancelled: () => boolean, focus: () => string, shown: () => void): Promise<boolean> {
  worker ??= new PDFWorker();
  performance.mark("kh:decoded");
  const doc = await getDocument({ data: bytes, worker, isEvalSupported: false }).promise;
  performance.mark("kh:parsed");
  let keepOpen: PDFDocumentProxy | undefined;
  try {
    const width = Math.max(300, el.clientWidth - 24);
    const old = new Map([...el.querySelectorAll<HTMLElement>(".page")].map((p) => [Number(p.dataset.page), p]));
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
      const stale = old.get(n)?.querySelector("canvas");
      if (stale) box.append(stale);
      const layer = document.createElement("div");
      layer.className = "textLayer";
      box.append(layer);
      return { n, box, layer, page, viewport };
    });
    const prepare = (b: PageBox): Promise<void> =>
      (b.ready ??= (async () => {
        const text = await b.page.getTextContent();
        const sig = pageSignature(text, b.viewport);
        b.sig = sig;
        // the same page as before keeps its text layer, and its canvas when that shows this page too
        const oldLayer = old.get(b.n)?.querySelector<HTMLElement>(".textLayer");
        if (oldLayer && shows.get(oldLayer) === sig) {
          b.layer.replaceWith(oldLayer);
          b.layer = oldLayer;
        } else {
          await new TextLayer({ textContentSource: text, container: b.layer, viewport: b.viewport }).render();
          shows.set(b.layer, sig);
        }
        const canvas = b.box.querySelector("canvas");
        if (canvas && shows.get(canvas) === sig) b.box.dataset.painted = "1";
      })());
    // canvases only for changed pages on screen (and as they come into view): drawing is
    // main-thread work; a canvas is drawn off screen and shows once its box is swapped in
    const ratio = window.devicePixelRatio || 1;
    const paint = async (b: PageBox) => {
      await prepare(b);
      if (isCancelled() || b.box.dataset.painted) return;
      b.box.dataset.painted = "1";
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(b.viewport.width * ratio);
      canvas.height = Math.floor(b.viewport.height * ratio);
      canvas.style.width = `${b.viewport.width}px`;
      canvas.style.height = `${b.viewport.height}px`;
      await b.page.render({ canvas, viewport: b.viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
      shows.set(canvas, b.sig!);
      b.box.querySelector("canvas")?.remove();
      b.box.prepend(canvas);
    };
    // the pages on screen: their text asked for at once (one worker round trip, not one per
    // page), then their canvases (the worker answers in order)
    const onScreen = boxes.filter((b) => first.has(b.n));
    const shownText = Promise.all(onScreen.map(prepare));
    const painted = Promise.all(onScreen.map(paint));
    await shownText;
    if (isCancelled()) {
      painted.catch(() => {});
      return false;
    }
    performance.mark("kh:text-ready");
    const top = el.scrollTop;
    el.replaceChildren(...boxes.map((b) => b.box));
    el.scrollTop = top;
    const found = focus() ? scrollToText(el, focus()) : true;
    // the pages on screen show this PDF (new canvases, or the old ones where nothing changed)
    void painted.then(() => {
      if (isCancelled()) return;
      performance.mark("kh:painted");
      // counts the PDFs shown (tests and the bench watch it)
      el.dataset.shown = String(Number(el.dataset.shown ?? 0) + 1);
      shown();
    }, () => {});
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
    // The other pages' text once typing pauses (or at once when something looks for it),
    // one page at a time so that a newer PDF stops the work: while the clerk types, each
    // keystroke's PDF would otherwise have every page's text extracted and laid out.
    let rest: Promise<void> | undefined;
    const completeText = () =>
      (rest ??= (async () => {
        for (const b of boxes) if (!isCancelled()) await prepare(b);
      })());
    textOfAllPages = () => completeText().then(() => !isCancelled());
    void painted
      .then(() => new Promise((ok) => setTimeout(ok, REST_AFTER_MS)))
      .then(async () => {
        if (isCancelled()) return;
        await completeText();
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
    const el = ref.current;
    const want = props.focus;
    if (!el || !want || scrollToText(el, want)) return;
    // the text may be on a page whose text layer is not made yet
    void textOfAllPages().then((current) => current && focusRef.current === want && scrollToText(el, want));
  }, [props.focus]);
  return <div class="preview" ref={ref} data-testid="preview" />;
}
