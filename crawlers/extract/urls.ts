import { isValidUscc } from '../lib/uscc.ts';
import { compactCode } from '../lib/width.ts';
import { USCC_SHAPE, isResidentIdNumber } from './codes.ts';

/** Reading identities out of URLs: absolute URLs; the code, registration number or record id a link carries. */

/** `href` made absolute against the page, or null for what is not an http(s) URL. */
export function absoluteUrl(href: string, base: URL | null): URL | null {
  const raw = href.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

export function pageBase(pageUrl: string): URL | null {
  try {
    return new URL(pageUrl);
  } catch {
    return null;
  }
}

// Parameters that name a code. Only the unambiguous ones vouch for a code whose check character
// fails; code=, regno=... also name order and product numbers, so a code there must be valid.
const CODE_PARAMS =
  /^(?:uscc|uniscid|unisc_?id|credit_?code|social_?credit_?code|shxydm|tyshxydm|xydm|tax_?id|nsrsbh)$/i;
const MAYBE_CODE_PARAMS = /^(?:code|reg_?no|zch|ent_?code|license_?no)$/i;
const STATIC_FILE = /\.(?:jpe?g|png|gif|webp|bmp|svg|ico|css|js|pdf|zip)$/i;
/** Identifiers of license records and seals, in the order they are preferred. */
const ID_PARAMS = [
  'entyid',
  'entid',
  'serial',
  'certid',
  'cert_id',
  'sn',
  'id',
  'licenseid',
  'pripid',
  'recordcode',
  'regno',
  'markid',
  'siteid',
];

export interface UrlIdentity {
  code?: string;
  codeValid?: boolean;
  id?: string;
  /** A 15-digit registration number in a regno= / zch= parameter. */
  registrationNumber?: string;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The code in a URL value. As in text, the parameter name is the label: under uscc=, uniscid=, taxId=
 * a code is taken even when its check character fails; anywhere else (other parameters, path segments)
 * only a valid code that is not also a resident ID number is.
 */
function asCode(raw: string, named: boolean): string | undefined {
  const code = compactCode(raw);
  if (code.length !== 18 || !USCC_SHAPE.test(code)) return undefined;
  const valid = isValidUscc(code);
  if (isResidentIdNumber(code) && !(valid && named)) return undefined;
  return named || valid ? code : undefined;
}

export function urlIdentity(url: URL): UrlIdentity {
  const found: UrlIdentity = {};
  const params = [...url.searchParams].slice(0, 50);
  const named = params.filter(([key]) => CODE_PARAMS.test(key) || MAYBE_CODE_PARAMS.test(key));
  for (const [key, value] of [...named, ...params]) {
    const code = asCode(value, CODE_PARAMS.test(key));
    if (code) {
      found.code = code;
      found.codeValid = isValidUscc(code);
      break;
    }
  }
  if (!found.code) {
    // A path segment that is a code, with or without an extension: /license/91440101681325547Y.html
    const segments = url.pathname.split('/').filter(Boolean).slice(-8);
    for (const segment of segments) {
      if (STATIC_FILE.test(segment)) continue; // /snnetImg/142891196680527240.jpg is a picture's number
      const code = asCode(decode(segment).replace(/\.[a-z]{2,5}$/i, ''), false);
      if (code) {
        found.code = code;
        found.codeValid = isValidUscc(code);
        break;
      }
    }
  }
  for (const [key, value] of params) {
    if (/^(?:reg_?no|regno|zch)$/i.test(key) && /^\d{15}$/.test(value.trim()))
      found.registrationNumber = value.trim();
  }
  const id = idOf(url);
  if (id) found.id = id;
  return found;
}

/** The record or seal identifier a URL carries: a known parameter, else the segment after /cert/. */
export function idOf(url: URL): string | undefined {
  const lower = new Map<string, string>();
  for (const [key, value] of url.searchParams)
    if (!lower.has(key.toLowerCase())) lower.set(key.toLowerCase(), value);
  for (const key of ID_PARAMS) {
    const value = lower.get(key)?.trim();
    if (value) return value;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const cert = segments.findIndex((s) => /^cert(?:ificate)?s?$/i.test(s));
  if (cert >= 0 && segments.length > cert + 1) return decode(segments[segments.length - 1]!);
  return undefined;
}
