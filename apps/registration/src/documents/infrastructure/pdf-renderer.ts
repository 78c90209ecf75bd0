import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { PdfDocument } from '../domain/pdf-document';

interface PdfMake {
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(document: PdfDocument): { getBuffer(): Promise<Buffer> };
}

// pdfmake ships Roboto as TrueType files (Latin, all French accents): embedded, nothing fetched.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfmake = require('pdfmake') as PdfMake;
// Resolved by Node at run time: in the webpack bundle (npm start, the image) `require.resolve` becomes a module id.
const FONT_DIR = join(dirname(createRequire(__filename).resolve('pdfmake/package.json')), 'fonts', 'Roboto');

pdfmake.setFonts({
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// A document never reaches outside: no URL, no file but the fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));

/** Renders the paperwork's documents to PDF bytes (pdfmake, on the event loop: a page takes a few ms). */
@Injectable()
export class PdfRenderer {
  render(document: PdfDocument): Promise<Buffer> {
    return pdfmake.createPdf(document).getBuffer();
  }
}
