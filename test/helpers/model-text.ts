// The paragraphs of a document model in reading order (table cells row by row).
import type { DocumentModel, Paragraph } from "../../src/document/model.ts";
import { documentParagraphs } from "../../src/document/visit.ts";

export const modelParagraphs = (doc: DocumentModel): Paragraph[] => [...documentParagraphs(doc)];

export const paragraphText = (p: Paragraph): string => p.runs.map((r) => r.text).join("");

export const modelTexts = (doc: DocumentModel): string[] => modelParagraphs(doc).map(paragraphText);

/** The whole text, a paragraph a line. */
export const documentText = (doc: DocumentModel): string => modelTexts(doc).join("\n");
