import { maskIdNumber, maskPhone } from '../lib/mask.ts';

/**
 * A lead's texts are not a channel for personal data: resident ID numbers and phone numbers in them are
 * masked before they are stored (the seller's identity is in its filing, and a regulator reveals it there,
 * audited). The patterns are those of lib/scrub.ts; here the number keeps its mask's digits instead of
 * becoming a placeholder, so that a regulator can still tell two numbers apart.
 */
const ID_NUMBER =
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s-])\d{3,4}[\s-]?\d{4}(?!\d)/g;

export function maskPersonalNumbers(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(MOBILE, (m) => maskPhone(m))
    .replace(LANDLINE, (m) => maskPhone(m));
}
