/**
 * Administrative divisions of China, GB/T 2260: a 6-digit code is two digits of province, two of city
 * (prefecture) and two of county. Only the province level is held here: it has not changed since
 * Chongqing (50) in 1997, while cities and counties are renamed, merged and split every year, so a list of
 * them would refuse new codes as soon as it aged. 71 is Taiwan, 81 Hong Kong, 82 Macao.
 */
export const PROVINCE_CODES: ReadonlySet<number> = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);

const SIX_DIGITS = /^\d{6}$/;

/**
 * True when `code` is six digits in a province that exists. The city and county parts are not checked
 * against a list (see above); any two digits are taken.
 */
export function isDivisionCode(code: string): boolean {
  return SIX_DIGITS.test(code) && PROVINCE_CODES.has(Number(code.slice(0, 2)));
}
