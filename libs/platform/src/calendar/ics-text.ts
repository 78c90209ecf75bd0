/**
 * RFC 5545 text mechanics: escaping TEXT values, quoting parameter values, and folding content
 * lines at 75 octets (a fold never splits a UTF-8 character). Lines end with CRLF.
 */

export const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (RFC 5545 §3.2): quoted when it holds ':', ';' or ','; DQUOTE is not allowed at all. */
export function paramValue(value: string): string {
  const clean = value.replace(/"/g, "'").replace(/[\r\n]+/g, ' ');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds one content line: at most 75 octets per physical line, continuation lines start with a space. */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = MAX_OCTETS; // the first line has 75 octets; the next ones 74 after their leading space
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back to a character boundary: UTF-8 continuation bytes are 10xxxxxx.
    while (end < bytes.length && end > start && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = MAX_OCTETS - 1;
  }
  return parts.join(`${CRLF} `);
}

/** Joins content lines into an iCalendar stream: each folded, each ended by CRLF. */
export function joinLines(lines: string[]): string {
  return lines.map((line) => foldLine(line) + CRLF).join('');
}

/** 20260122T173000Z */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
