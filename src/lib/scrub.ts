/**
 * Scrubs personal data out of free text that is about to be published (penalty facts, complaint
 * narratives): resident ID numbers, mainland mobile and landline numbers, e-mail addresses, and the names
 * the caller knows of. What it cannot recognise it cannot scrub: publication still needs consent, and
 * regulators write facts with publication in mind.
 */
const ID_NUMBER =
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// Mobile numbers with optional +86 and separators: 138 1234 5678, 138-1234-5678, +86 13812345678.
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
// Landlines with an area code: 010-12345678, (021) 1234 5678, 0571-8888888.
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s-])\d{3,4}[\s-]?\d{4}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function scrubPersonalData(text: string, names: readonly string[] = []): string {
  let out = text
    .replace(EMAIL, '[e-mail]')
    .replace(ID_NUMBER, '[ID number]')
    .replace(MOBILE, '[phone]')
    .replace(LANDLINE, '[phone]');
  for (const name of names) {
    const trimmed = name.trim();
    if ([...trimmed].length >= 2) out = out.split(trimmed).join('[name]');
  }
  return out;
}
