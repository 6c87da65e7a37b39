// CSV as Excel opens it correctly: UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF line ends.

/** The UTF-8 byte-order mark Excel needs to read a CSV as UTF-8 rather than the ANSI code page. */
export const UTF8_BOM = '\uFEFF';

// A leading =, +, - or @ makes spreadsheets evaluate the cell (CSV injection); prefix a quote.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when it holds a comma, quote or line break (RFC 4180 §2.6–2.7). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Parses RFC 4180 text (a leading BOM is skipped): used by tests and by anyone re-importing an export. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
