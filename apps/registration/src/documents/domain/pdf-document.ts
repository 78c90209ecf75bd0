/*
 * The subset of pdfmake's document definition the paperwork uses, typed here so the documents
 * are plain data built by pure functions (tested without rendering) and rendered in one place
 * (infrastructure/pdf-renderer.ts).
 */

export type PdfContent = string | PdfNode | PdfContent[];

export interface PdfNode {
  text?: PdfContent;
  stack?: PdfContent[];
  columns?: PdfContent[];
  table?: {
    widths: (number | string)[];
    heights?: number | ((row: number) => number);
    headerRows?: number;
    body: PdfContent[][];
  };
  layout?: string;
  style?: string | string[];
  bold?: boolean;
  italics?: boolean;
  fontSize?: number;
  color?: string;
  alignment?: 'left' | 'center' | 'right';
  margin?: number | [number, number] | [number, number, number, number];
  width?: number | string;
  canvas?: {
    type: 'rect';
    x: number;
    y: number;
    w: number;
    h: number;
    lineWidth?: number;
    lineColor?: string;
  }[];
}

export interface PdfDocument {
  info: { title: string; author: string; subject?: string };
  pageSize: 'A4';
  pageOrientation: 'portrait' | 'landscape';
  pageMargins: [number, number, number, number];
  content: PdfContent[];
  footer?: (currentPage: number, pageCount: number) => PdfContent;
  styles: Record<
    string,
    { fontSize?: number; bold?: boolean; color?: string; margin?: [number, number, number, number] }
  >;
  defaultStyle: { font: string; fontSize: number };
}

/** What every document of the paperwork looks like: A4, the embedded font, the same heading styles. */
export function pdfDocument(
  head: { title: string; author: string; orientation?: 'portrait' | 'landscape' },
  content: PdfContent[],
): PdfDocument {
  return {
    info: { title: head.title, author: head.author },
    pageSize: 'A4',
    pageOrientation: head.orientation ?? 'portrait',
    pageMargins: [40, 40, 40, 50],
    content,
    footer: (currentPage, pageCount) =>
      pageCount > 1
        ? { text: `Page ${currentPage} / ${pageCount}`, alignment: 'center', fontSize: 8, color: '#555555' }
        : '',
    styles: {
      tenant: { fontSize: 10, color: '#444444' },
      title: { fontSize: 18, bold: true, margin: [0, 4, 0, 12] },
      label: { fontSize: 9, color: '#555555' },
      tableHeader: { fontSize: 10, bold: true },
      small: { fontSize: 8, color: '#555555' },
    },
    defaultStyle: { font: 'Roboto', fontSize: 11 },
  };
}

/** « Label : value » pairs in two columns. */
export function facts(rows: [string, string][]): PdfNode {
  return {
    table: {
      widths: [110, '*'],
      body: rows.map(([label, value]) => [{ text: label, style: 'label' }, { text: value }]),
    },
    layout: 'noBorders',
    margin: [0, 0, 0, 12],
  };
}
