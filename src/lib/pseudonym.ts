import { isValidIdNumber } from './resident-id.ts';

/**
 * Whether a value that should be an opaque pseudonym of a buyer carries a phone number, a resident ID
 * number or an e-mail address, written the ways people write them: in full-width or other compatibility
 * forms (NFKC), in groups with any separators (138.1234.5678, 139_1234_5678, (+86) 138/1234/5678,
 * 110105 19491231 002x), with +86 or 0086, and e-mail with "＠", "﹫", "(at)", "[at]", " at ", "#" and
 * "(dot)", "。" spellings. It catches personal data sent by habit or by mistake, not data a platform
 * encodes on purpose to slip past (reversed digits, digits spelt as words): nothing could.
 *
 * The rule that keeps opaque pseudonyms out (hex and base64 hashes, UUIDs, ULIDs): a number counts only
 * when it stands alone, exactly. Digits are read in groups (maximal runs of 0-9); groups are joined into
 * one number only across separators (anything but a letter or a digit), never across letters; and a
 * group glued to letters counts only when its word (maximal run of letters and digits) holds no other
 * digits. So "u13812345678", "tel13812345678" and "13812345678a" are phones, while a 32-hex hash holding
 * 13812345678 among its letters is not: its word holds other digits. And the number must be exactly a
 * phone or an ID, never a stretch inside a longer number: a 20-digit order number or an 18-digit
 * snowflake id is not judged by the 11 digits somewhere inside it. An 18-character number is an ID
 * number only when it is a valid one (region, birth date and check character, as for a seller's
 * id_number), so a random 18-digit id is refused only when it happens to be a valid ID number.
 * A canonical UUID is opaque whatever its digit groups happen to spell.
 *
 * Cost: for a plain-ASCII value a lower-casing and one pass over its characters; NFKC only when the
 * value holds anything beyond ASCII; the e-mail spellings only when "@", "#" or "at" occur.
 */
export function looksLikePersonalData(value: string): boolean {
  const text = fold(value);
  if (text.length === 36 && UUID.test(text)) return false;
  return holdsEmail(text) || holdsPhoneOrIdNumber(text);
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lower case; NFKC folds full-width and other compatibility forms (＠ and ﹫ become @, ． becomes .). */
function fold(value: string): string {
  const lower = value.toLowerCase();
  if (ASCII.test(lower)) return lower;
  // NFKC makes the half-width ideographic full stop "｡" an ideographic one; both are dots in an address.
  return lower
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\u3002/g, '.');
}

// ---- e-mail ----------------------------------------------------------------------------------------

// Each of these is one character class or a fixed word between classes: no backtracking worth the name.
const BRACKETED_AT = /[([{<【〔]\s*at\s*[)\]}>】〕]/g;
const SPACED_AT = /\sat\s/g;
const BRACKETED_DOT = /[([{<【〔]\s*(?:dot|\.)\s*[)\]}>】〕]/g;
const SPACED_DOT = /\sdot\s/g;
const WHITE_SPACE = /\s+/g;

function holdsEmail(text: string): boolean {
  if (!text.includes('@') && !text.includes('#') && !text.includes('at')) return false;
  const compact = text
    .replace(BRACKETED_AT, '@')
    .replace(SPACED_AT, '@')
    .replace(BRACKETED_DOT, '.')
    .replace(SPACED_DOT, '.')
    .replace(WHITE_SPACE, '')
    // "#" for "@" is how addresses are written to keep them from harvesters ("把#换成@").
    .replace(/#/g, '@');
  for (let at = compact.indexOf('@'); at >= 0; at = compact.indexOf('@', at + 1)) {
    if (at > 0 && LOCAL_PART.test(compact[at - 1]!) && isDomainAt(compact, at + 1)) return true;
  }
  return false;
}

// Letters and digits of any script: addresses and domains may be Chinese (张三@例子.中国).
const LOCAL_PART = /[\p{L}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{N}.-]/u;
const TOP_LEVEL = /^\p{L}{2,}$/u;

/** True when a domain name with a dot and a top-level label of 2+ letters starts at `from`. */
function isDomainAt(text: string, from: number): boolean {
  let end = from;
  while (end < text.length && DOMAIN_CHAR.test(text[end]!)) end++;
  const labels = text.slice(from, end).split('.');
  while (labels.length && labels[labels.length - 1] === '') labels.pop();
  return labels.length >= 2 && labels[0] !== '' && TOP_LEVEL.test(labels[labels.length - 1]!);
}

// ---- phone and ID numbers --------------------------------------------------------------------------

interface DigitGroup {
  digits: string;
  /** Index just past the group's last digit. */
  end: number;
  /** Only separators (no letter, no other digit) stand between it and the next group. */
  joinedToNext: boolean;
}

const MOBILE = /^(?:0086|86)?1[3-9]\d{9}$/;
const AREA_CODE = /^0(?:10|2\d|[3-9]\d\d)$/;
const AREA_CODE_ABROAD = /^(?:10|2\d|[3-9]\d\d)$/;
const LOCAL_NUMBER = /^[2-9]\d{6,7}$/;
// The longest number looked for: an ID number (18); 0086 and a mobile number make 15.
const LONGEST = 18;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/**
 * The digit groups that stand alone in their word, each knowing whether it joins the next. A group in a
 * word with other digits (a hash, a ULID) can be no part of a number: it is neither kept nor joined
 * across, so such values cost one pass over their characters and nothing more.
 */
function digitGroups(text: string): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let joinable: DigitGroup | null = null;
  for (let i = 0; i < text.length;) {
    let c = text.charCodeAt(i);
    if (!isDigit(c) && !isLetter(c)) {
      i++;
      continue;
    }
    const wordStart = i;
    let count = 0;
    let start = -1;
    let end = -1;
    for (; i < text.length && (isDigit((c = text.charCodeAt(i))) || isLetter(c)); i++) {
      if (!isDigit(c)) continue;
      if (end !== i) {
        count++;
        start = i;
      }
      end = i + 1;
    }
    if (count !== 1) {
      joinable = null;
      continue;
    }
    const group = { digits: text.slice(start, end), end, joinedToNext: false };
    if (joinable && start === wordStart) joinable.joinedToNext = true;
    groups.push(group);
    joinable = end === i ? group : null;
  }
  return groups;
}

function holdsPhoneOrIdNumber(text: string): boolean {
  let digitCount = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) digitCount++;
  // The shortest number looked for has ten digits: a three-digit area code and a seven-digit number.
  if (digitCount < 10) return false;
  const groups = digitGroups(text);
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      digits += groups[last]!.digits;
      if (digits.length > LONGEST) break;
      if (isPersonalNumber(text, groups, first, last, digits)) return true;
      if (!groups[last]!.joinedToNext) break;
    }
  }
  return false;
}

/** Whether groups first..last, whose digits are `digits`, are a mobile, landline or ID number. */
function isPersonalNumber(
  text: string,
  groups: DigitGroup[],
  first: number,
  last: number,
  digits: string,
): boolean {
  if (MOBILE.test(digits)) return true;
  if (digits.length === 18) return isValidIdNumber(digits);
  if (digits.length === 17) {
    // The check character X, lower-case after folding, glued to the digits or after separators.
    let i = groups[last]!.end;
    while (i < text.length && !isDigit(text.charCodeAt(i)) && !isLetter(text.charCodeAt(i))) i++;
    if (text[i] === 'x' && isValidIdNumber(`${digits}X`)) return true;
  }
  return isLandline(groups, first, last);
}

/**
 * A landline only as people write one, with its area code as a group of its own: 0571-8765 4321,
 * (010) 62345678, +86 571 87654321. Eleven or twelve digits in one run are not judged a landline: too
 * many opaque numbers start with a 0.
 */
function isLandline(groups: DigitGroup[], first: number, last: number): boolean {
  let at = first;
  const head = groups[at]!.digits;
  if (head === '86' || head === '0086') {
    if (last - first < 2 || !AREA_CODE_ABROAD.test(groups[first + 1]!.digits)) return false;
    at = first + 2;
  } else {
    if (last === first || !AREA_CODE.test(head)) return false;
    at = first + 1;
  }
  let local = '';
  for (let g = at; g <= last; g++) local += groups[g]!.digits;
  return LOCAL_NUMBER.test(local);
}
