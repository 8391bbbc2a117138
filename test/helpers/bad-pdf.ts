// PDFs a clerk may be handed that have no text to import: a scanned page
// (drawing only) and a password-protected file (Standard security handler
// whose user password is not empty, so no reader opens it without one).
import { PDFDocument, PDFHexString, rgb } from "pdf-lib";

export async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 495, height: 742, color: rgb(0.9, 0.9, 0.9) });
  return doc.save();
}

export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([595, 842]).drawText("Ke hoach");
  const ctx = doc.context;
  const encrypt = ctx.obj({ Filter: "Standard", V: 1, R: 2, P: -4, O: PDFHexString.of("5a".repeat(32)), U: PDFHexString.of("a7".repeat(32)) });
  ctx.trailerInfo.Encrypt = ctx.register(encrypt);
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of("0123456789abcdef0123456789abcdef"), PDFHexString.of("0123456789abcdef0123456789abcdef")]);
  return doc.save({ useObjectStreams: false });
}
