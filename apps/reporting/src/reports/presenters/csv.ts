import type { FastifyReply } from 'fastify';
import { spreadsheetCsv } from '@respire/platform';
import { PublishedFigures } from '../domain/report-model';
import { PublishedCount } from '../domain/small-count-suppressor';
import { FIGURE_LABELS, FIGURE_ORDER, RATE_FIGURES } from './report-labels';

/**
 * CSV as French spreadsheets open it without an import wizard: UTF-8 with a byte-order mark,
 * `;` between fields, decimal comma; rates in percent. Hidden counts stay `<5` / `≥5`. Cells
 * that would start a formula (a testimonial, a title typed by a coordinator) are written as
 * text: see spreadsheetCsv.
 */
export function toCsv(rows: (string | number | null)[][]): string {
  return spreadsheetCsv(rows);
}

export function csvCount(value: PublishedCount | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

export function csvRate(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return (Math.round(value * 1000) / 10).toFixed(1).replace('.', ',');
}

export function csvDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace('.', ',');
}

/** The figures present in these rows, in the usual order. */
export function figureColumns(rows: PublishedFigures[]): (keyof PublishedFigures)[] {
  return FIGURE_ORDER.filter((key) => rows.some((row) => row[key] !== undefined));
}

export function figureHeaders(columns: (keyof PublishedFigures)[]): string[] {
  return columns.map((key) => FIGURE_LABELS[key]);
}

export function figureCells(figures: PublishedFigures, columns: (keyof PublishedFigures)[]): string[] {
  return columns.map((key) =>
    RATE_FIGURES.has(key)
      ? csvRate(figures[key] as number | null)
      : csvCount(figures[key] as PublishedCount | undefined),
  );
}

/** `respire-<what>-<from>_<to>.csv`, safe for a Content-Disposition header. */
export function csvFilename(what: string, from: string | null, to: string | null): string {
  return `respire-${what}-${from ?? 'debut'}_${to ?? 'aujourdhui'}.csv`;
}

/** Answers with `csv` as a download named `filename`: the reply's headers set, the body returned. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`);
  return csv;
}
