/**
 * Scrubs personal data out of free text that is about to be published (penalty facts, complaint
 * narratives, open data): resident ID numbers, mainland mobile and landline numbers, e-mail addresses,
 * street addresses down to the door, and the names the caller knows of. What it cannot recognise it cannot scrub: publication still needs consent, and
 * regulators write facts with publication in mind.
 */
const ID_NUMBER =
  /(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// Mobile numbers with optional +86 and separators: 138 1234 5678, 138-1234-5678, +86 13812345678.
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
// Landlines with an area code: 010-12345678, (021) 1234 5678, 0571-8888888.
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s-])\d{3,4}[\s-]?\d{4}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Where someone lives: a road, street, lane or village with a door number (文三路398号2单元501室), or an
// estate with a building (翠苑小区3栋2单元). The province, city and district before it are not personal
// on their own; a few characters of them may go with the road's name, which is the safe side.
const UNIT = '[0-9０-９A-Za-z-]{1,6}(?:号楼|栋|幢|座|单元|层|楼|室|号|户)';
// After the door: a building's name and its block, floor and room (维多利广场B座2506室).
const BUILDING = `(?:[\\u4e00-\\u9fffA-Za-z]{0,12}?${UNIT})*`;
const ROAD_ADDRESS = new RegExp(
  `[\\u4e00-\\u9fffA-Za-z0-9]{1,8}?(?:路|街|大道|巷|弄|胡同|村(?:[0-9０-９一二三四五六七八九十]+组)?)[0-9０-９]+(?:-[0-9]+)?号${BUILDING}`,
  'g',
);
const ESTATE_ADDRESS = new RegExp(
  `[\\u4e00-\\u9fffA-Za-z0-9]{1,8}?(?:小区|花园|公寓|大厦|大楼|广场|中心|家园|新村|苑|府|庭)[0-9０-９A-Za-z-]{1,6}(?:号楼|栋|幢|座|单元)(?:${UNIT})*`,
  'g',
);

export function scrubPersonalData(text: string, names: readonly string[] = []): string {
  let out = text
    .replace(EMAIL, '[e-mail]')
    .replace(ID_NUMBER, '[ID number]')
    .replace(MOBILE, '[phone]')
    .replace(LANDLINE, '[phone]')
    .replace(ROAD_ADDRESS, '[address]')
    .replace(ESTATE_ADDRESS, '[address]');
  for (const name of names) {
    const trimmed = name.trim();
    if ([...trimmed].length >= 2) out = out.split(trimmed).join('[name]');
  }
  return out;
}
