import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/**
 * What a spreadsheet reads as a formula (OWASP, CSV injection): a cell starting with = + - @,
 * a tab or a carriage return — also after leading spaces, and in the full-width forms some
 * spreadsheets convert.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;
/** A plain number ("-3", "12,5", "+4.25") is not a formula, and stays a number in the sheet. */
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;

/**
 * A cell as text a spreadsheet shows and never runs: a leading `'` before anything that would
 * start a formula ("=HYPERLINK(…)" in a testimonial, "@SUM(…)" in a venue name), per OWASP.
 * Numbers are left alone.
 */
export function neutraliseCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * The one way Respire writes CSV for people to open in a spreadsheet: every cell neutralised,
 * quoted where needed (quotes doubled). Defaults suit French spreadsheets, which open it without
 * an import wizard: UTF-8 with a byte-order mark, `;` between fields, CRLF.
 */
export function spreadsheetCsv(
  rows: readonly (readonly CsvCell[])[],
  options: { delimiter?: string } = {},
): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCsvCell)),
    { delimiter: options.delimiter ?? ';', bom: true, record_delimiter: '\r\n' },
  );
}
