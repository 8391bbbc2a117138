// PDF renderer: DocumentModel → PDF bytes. Layout is ours (layout.ts,
// table.ts, linebreak.ts); pdf-lib only holds the object graph and writes the
// file. Fonts are parsed once per process (fonts.ts) and subset per document
// (embed.ts), and every input to the bytes comes from the document itself, so
// the same model always gives the same file.
import { createHash } from "node:crypto";
import { PDFDocument, PDFHexString, PDFName, type PDFRef } from "pdf-lib";
import type { DocumentModel } from "../../document/model.ts";
import { embedFace, flateStream } from "./embed.ts";
import { FACE_KEYS, type FontSet } from "./fonts.ts";
import { PageFlow } from "./layout.ts";
import { Shaper } from "./measure.ts";
import { RESOURCE } from "./paint.ts";
import { Ctx } from "./para.ts";
import { printView } from "../../document/revisions.ts";

export { hasGlyph, loadFonts, type Face, type FaceKey, type FontSet } from "./fonts.ts";

export async function renderPdf(model: DocumentModel, fonts: FontSet): Promise<Uint8Array> {
  // tracked changes (build --compare) print as the new text with change bars
  const doc = printView(model);
  const shaper = new Shaper(fonts);
  const ctx = new Ctx(doc, shaper);
  const pages = new PageFlow(ctx).run(doc.sections);

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const c = pdf.context;
  const fontRefs: Record<string, PDFRef> = {};
  for (const key of FACE_KEYS) {
    const face = fonts.faces[key];
    const used = shaper.used.get(face);
    if (used?.size) fontRefs[RESOURCE[key]] = embedFace(c, face, used);
  }
  // one resource dictionary shared by every page
  const resources = c.register(c.obj({ Font: fontRefs, ProcSet: ["PDF", "Text"] }));

  const id = createHash("sha256").update(JSON.stringify(doc.meta));
  for (const page of pages) {
    const content = page.content();
    id.update(content);
    const p = pdf.addPage([page.width, page.height]);
    p.node.set(PDFName.of("Resources"), resources);
    p.node.set(PDFName.of("Contents"), flateStream(c, Buffer.from(content, "latin1")));
  }

  const { meta } = doc;
  const date = new Date(meta.date);
  if (Number.isNaN(date.getTime())) throw new Error(`meta.date is not an ISO date: ${meta.date}`);
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setLanguage(meta.language);
  pdf.setCreator("kehoach");
  pdf.setProducer("kehoach");
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  // fixed document ID from the content: identical input → identical bytes
  const hex = id.digest("hex").slice(0, 32).toUpperCase();
  c.trailerInfo.ID = c.obj([PDFHexString.of(hex), PDFHexString.of(hex)]);

  return pdf.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity, updateFieldAppearances: false });
}
