/**
 * CSV as RFC 4180 writes it: CRLF line ends; a field with a comma, a quote, CR or LF in quotes, its quotes
 * doubled. Text that a spreadsheet would take for a formula (it starts with = + - @, or a tab or CR that
 * some programs skip before one) gets a leading apostrophe: a store name is filed by a platform, and an
 * export must not run what a seller typed when a regulator opens it (OWASP, "CSV injection").
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field; null and undefined are empty. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF. */
export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A byte-order mark before the header: spreadsheet programs that guess the encoding of a CSV file read
 * UTF-8 Chinese as mojibake without it; csv-parse (`bom: true`) and most readers skip it.
 */
export const CSV_BOM = '\uFEFF';
