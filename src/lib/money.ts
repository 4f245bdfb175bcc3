/**
 * Money on the wire is a decimal string plus an ISO 4217 code ("129.90", "CNY"); at rest it is an
 * integer count of minor units (12990). Never a float: 0.1 + 0.2 is not 0.3.
 */

// ISO 4217 minor units where they are not 2 (the standard's list, as of amendment 176).
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};
// Codes that are not money one can be paid in: precious metals, testing, "no currency".
const NOT_MONEY = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);
const KNOWN = new Set(Intl.supportedValuesOf('currency').filter((c) => !NOT_MONEY.has(c)));

export function isCurrency(code: string): boolean {
  return KNOWN.has(code);
}

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

// Far beyond any order, and safe: 10^15 minor units fit a double exactly.
const MAX_MINOR = 10n ** 15n;

export type MoneyParse = { ok: true; minor: number } | { ok: false; reason: string };

/** "129.90" in CNY → 12990. At most the currency's minor digits; no sign, exponent or separator. */
export function parseMoney(text: string, currency: string): MoneyParse {
  const m = /^(0|[1-9]\d*)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, reason: 'must be a decimal string such as "129.90"' };
  const digits = minorDigits(currency);
  const fraction = m[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, reason: `${currency} has ${digits} minor digit${digits === 1 ? '' : 's'}` };
  }
  // With at most 15 digits in all the amount is below 10^15 minor units, which a double holds exactly:
  // no BigInt needed (the common case, and the one filings are full of).
  if (m[1]!.length + digits <= 15)
    return { ok: true, minor: Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0') };
  const minor = BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > MAX_MINOR) return { ok: false, reason: 'is too large' };
  return { ok: true, minor: Number(minor) };
}

/** 12990 in CNY → "129.90". */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}
