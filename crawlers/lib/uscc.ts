import { compactCode } from './width.ts';

/**
 * Unified social credit code, GB 32100-2015: 18 characters from a 31-character alphabet (the Latin
 * letters without I, O, Z, S, V), the last one a check character: 31 - (Σ value·weight mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Position 1: registration authority (1-9 and the letters A, N, Y); position 2: the kind of body it
// registered. Positions 3-8 are the 6-digit administrative division code of the registering office.
const SHAPE = /^[1-9ANY][0-9A-HJ-NP-RT-UW-Y]\d{6}[0-9A-HJ-NP-RT-UW-Y]{10}$/;

export function normalizeUscc(input: string): string {
  return compactCode(input);
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError('character outside the USCC alphabet');
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** True when `code` (already normalised) is a well-formed USCC whose check character holds. */
export function isValidUscc(code: string): boolean {
  if (!SHAPE.test(code)) return false;
  return usccCheckCharacter(code.slice(0, 17)) === code[17];
}
