// PDF renderer: DocumentModel → PDF bytes. Layout is ours (layout.ts,
// table.ts, linebreak.ts), and so is the file: writer.ts numbers the objects
// and writes the cross-reference table. Fonts are parsed once per process (fonts.ts) and subset per document
// (embed.ts), and every input to the bytes comes from the document itself, so
// the same model always gives the same file.
import { createHash } from "node:crypto";
import type { DocumentModel } from "../../document/model.ts";
import { embedFace, flateStream } from "./embed.ts";
import { FACE_KEYS, type FontSet } from "./fonts.ts";
import { PageFlow } from "./layout.ts";
import { Shaper } from "./measure.ts";
import { RESOURCE } from "./paint.ts";
import { Ctx } from "./para.ts";
import { dateString, hexString, literal, name, PdfWriter, textString, type Ref } from "./writer.ts";
import { printView } from "../../document/revisions.ts";

export { hasGlyph, loadFonts, type Face, type FaceKey, type FontSet } from "./fonts.ts";

export async function renderPdf(model: DocumentModel, fonts: FontSet): Promise<Uint8Array> {
  // tracked changes (build --compare) print as the new text with change bars
  const doc = printView(model);
  const shaper = new Shaper(fonts);
  const ctx = new Ctx(doc, shaper);
  const pages = new PageFlow(ctx).run(doc.sections);

  const { meta } = doc;
  const date = new Date(meta.date);
  if (Number.isNaN(date.getTime())) throw new Error(`meta.date is not an ISO date: ${meta.date}`);

  const pdf = new PdfWriter();
  const catalog = pdf.reserve();
  const tree = pdf.reserve();
  const fontRefs: Record<string, Ref> = {};
  for (const key of FACE_KEYS) {
    const face = fonts.faces[key];
    const used = shaper.used.get(face);
    if (used?.size) fontRefs[RESOURCE[key]] = embedFace(pdf, face, used);
  }
  // one resource dictionary shared by every page
  const resources = pdf.add({ Font: fontRefs, ProcSet: [name("PDF"), name("Text")] });

  const id = createHash("sha256").update(JSON.stringify(doc.meta));
  const kids: Ref[] = [];
  for (const page of pages) {
    const content = page.content();
    id.update(content);
    const contents = flateStream(pdf, Buffer.from(content, "latin1"));
    kids.push(pdf.add({ Type: name("Page"), Parent: tree, Resources: resources, MediaBox: [0, 0, page.width, page.height], Contents: contents }));
  }
  pdf.set(tree, { Type: name("Pages"), Kids: kids, Count: kids.length });
  // the title in the window's title bar rather than the file name
  pdf.set(catalog, { Type: name("Catalog"), Pages: tree, ViewerPreferences: { DisplayDocTitle: true }, Lang: textString(meta.language) });
  const info = pdf.add({
    Title: textString(meta.title),
    Author: textString(meta.author),
    Subject: textString(meta.subject),
    Creator: literal("kehoach"),
    Producer: literal("kehoach"),
    CreationDate: dateString(date),
    ModDate: dateString(date),
  });
  // fixed document ID from the content: identical input → identical bytes
  const hex = hexString(id.digest("hex").slice(0, 32));
  return pdf.finish({ Root: catalog, Info: info, ID: [hex, hex] });
}
