import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { word } from './catalogues.ts';

/**
 * PDF documents in any of Pathway's languages, with Noto Sans from the @fontsource packages.
 *
 * Fontsource splits each weight into script subsets (latin, latin-ext, cyrillic, devanagari, ...),
 * each with the Unicode range its CSS declares. Every subset is registered with PDFKit under
 * `regular:<subset>` / `bold:<subset>`, and `regular` / `bold` name the subset of the locale's
 * own script. `write` splits text into runs by the subset that covers each character, so a
 * Nepali page can carry a Latin name or URL. The WOFF files are used: fontkit's WOFF2 reader
 * breaks subsetting of composite glyphs (Latin and Cyrillic accents) when PDFKit embeds them.
 */

export type PdfWeight = 'regular' | 'bold';

interface Face {
  subset: string;
  file: string;
  ranges: [number, number][];
}

const require = createRequire(import.meta.url);
const WEIGHTS: Record<PdfWeight, number> = { regular: 400, bold: 700 };

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(from!, 16), Number.parseInt(to ?? from!, 16)];
  });
}

/** The faces a fontsource CSS file declares for one weight: subset name, WOFF file, Unicode ranges. */
function facesOf(pkg: string, weight: number, only?: string): Face[] {
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  const css = fs.readFileSync(path.join(dir, `${weight}.css`), 'utf8');
  const faces: Face[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+?\.woff)\)\s*format\('woff'\)/.exec(block)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    const prefix = `${pkg.split('/')[1]}-`;
    const suffix = `-${weight}-normal.woff`;
    if (!file || !ranges || !file.startsWith(prefix) || !file.endsWith(suffix)) continue;
    const subset = file.slice(prefix.length, -suffix.length);
    if (only && subset !== only) continue;
    faces.push({ subset, file: path.join(dir, 'files', file), ranges: parseRanges(ranges) });
  }
  return faces;
}

let faceCache: Record<PdfWeight, Face[]> | undefined;
const fontBytes = new Map<string, Buffer>();

/** Devanagari from Noto Sans Devanagari (drawn for it); every other script from Noto Sans. */
function faces(): Record<PdfWeight, Face[]> {
  if (!faceCache) {
    const load = (weight: number) => [
      ...facesOf('@fontsource/noto-sans-devanagari', weight, 'devanagari'),
      ...facesOf('@fontsource/noto-sans', weight).filter((f) => f.subset !== 'devanagari'),
    ];
    faceCache = { regular: load(WEIGHTS.regular), bold: load(WEIGHTS.bold) };
  }
  return faceCache;
}

export const fontName = (weight: PdfWeight, subset: string) => `${weight}:${subset}`;

/** A4 document with every subset registered; `regular` and `bold` cover the locale's script. */
export function newPdf(locale: string, info: { title?: string; author?: string } = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: locale,
    info: { Title: info.title ?? '', Author: info.author ?? 'Pathway', Creator: 'Pathway' },
  });
  const primary = word(locale, 'language.script');
  for (const weight of ['regular', 'bold'] as const) {
    for (const face of faces()[weight]) {
      let bytes = fontBytes.get(face.file);
      if (!bytes) {
        bytes = fs.readFileSync(face.file);
        fontBytes.set(face.file, bytes);
      }
      doc.registerFont(fontName(weight, face.subset), bytes);
      if (face.subset === primary) doc.registerFont(weight, bytes);
    }
  }
  doc.font('regular');
  return doc;
}

/** Splits text into runs that one subset each covers, keeping spaces and marks with the run they are in. */
export function textRuns(text: string, weight: PdfWeight = 'regular'): { font: string; text: string }[] {
  const all = faces()[weight];
  const covers = (face: Face, cp: number) => face.ranges.some(([a, b]) => cp >= a && cp <= b);
  const runs: { font: string; text: string }[] = [];
  let current: Face | undefined;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!current || !covers(current, cp)) current = all.find((f) => covers(f, cp)) ?? current ?? all[0]!;
    const font = fontName(weight, current.subset);
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

/** Writes text in as many fonts as its scripts need, as one paragraph. */
export function write(
  doc: PDFKit.PDFDocument,
  text: string,
  options: PDFKit.Mixins.TextOptions & { weight?: PdfWeight; size?: number } = {},
): PDFKit.PDFDocument {
  const { weight = 'regular', size, ...rest } = options;
  if (size) doc.fontSize(size);
  const runs = textRuns(text, weight);
  if (runs.length === 0) return doc;
  runs.forEach((run, i) => {
    doc.font(run.font).text(run.text, { ...rest, continued: i < runs.length - 1 });
  });
  return doc;
}

/** A QR code drawn as vector squares (sharp at any print size), `size` points wide, top-left at (x, y). */
export function drawQrCode(doc: PDFKit.PDFDocument, value: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

/** Ends the document and collects its bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
