import { compactCode } from '../../crawlers/lib/width.ts';
import { PROVINCE_CODES } from './divisions.ts';

/**
 * Resident identity card number, GB 11643-1999: 6-digit administrative division of birth, 8-digit
 * birth date, 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 * The 15-digit numbers of before 1999 are not accepted for new filings.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// Province-level codes (GB/T 2260, with 71 Taiwan, 81 Hong Kong, 82 Macao), and 83, which is no division:
// the residence permits of Taiwan residents (those of Hong Kong and Macao residents use 81 and 82).
const PROVINCES = new Set([...PROVINCE_CODES, 83]);
const EARLIEST_BIRTH_YEAR = 1850;

export function normalizeIdNumber(input: string): string {
  return compactCode(input);
}

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function regionValid(id: string): boolean {
  // Foreigners' permanent residence cards (2023 format) put a 9 before the province code.
  const province = id[0] === '9' ? Number(id.slice(1, 3)) : Number(id.slice(0, 2));
  return PROVINCES.has(province);
}

function birthDateValid(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < EARLIEST_BIRTH_YEAR || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= today.getTime();
}

/** True when `id` (already normalised) is an 18-character resident ID with a real region, date and check. */
export function isValidIdNumber(id: string, today: Date = new Date()): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!regionValid(id)) return false;
  // A foreigner's card carries the 9-prefixed region in 7 characters' room, the date stays at 7-14.
  if (!birthDateValid(id.slice(6, 14), today)) return false;
  return idCheckCharacter(id.slice(0, 17)) === id[17];
}
