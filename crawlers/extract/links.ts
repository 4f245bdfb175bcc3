import type { CodeCandidate, LicenseImage, LicenseLink, RegistrationNumberCandidate } from '../types.ts';
import type { AnchorRecord, ImageRecord } from './model.ts';
import type { PageText } from './text.ts';
import { officialLicenseLink } from './license-issuers.ts';
import { absoluteUrl, urlIdentity } from './urls.ts';

/**
 * Links to a license-verification page, and pictures of a license.
 *
 * A link is a license link when it goes to a market regulator (a gov.cn host named for one, such as
 * gsxt, samr, saic, sgs, xxaic, xxamr, xxgsj, or a gov.cn page whose path speaks of a license), or
 * when its URL carries a USCC, whatever the host: the fixture web's license authority, a provincial
 * page we do not know yet. A bare regulator home page (a "政府机构" link list) is not one.
 */

// Host labels of market regulators: gsxt, samr, saic, sgs (Shanghai), gzaic, zjamr, jsgsj, xxscjgj...
const REGULATOR_LABEL = /^(?:gsxt|samr|saic|sgs|[a-z]*(?:aic|amr|gsj|scjgj?))$/;
const LICENSE_PATH = /licen[cs]e|zhizhao|yyzz|lzxx|yyzzxx|electronicbl/i;
const LICENSE_WORDS = /营业执照|执照|licen[cs]e|yyzz|zhizhao/i;
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|bmp)$/i;
// The whole text of a link that names the licence it leads to (a badge's alt text counts): short, and
// nothing but the label, so "营业执照办理" or an article about licences is not one.
const LICENCE_LINK_LABEL =
  /^(?:查看)?(?:电子)?(?:营业执照|工商执照|经营证照|证照信息|营业执照信息|工商亮照|亮照亮证|企业资质|资质证照|经营者资质|经营者营业执照信息)(?:信息|公示|查询)?$/;

function isRegulatorUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (!host.endsWith('.gov.cn') && host !== 'gsxt.gov.cn') return false;
  if (url.pathname.replace(/\/+$/, '') === '' && url.search === '') return false;
  if (LICENSE_PATH.test(url.pathname + url.search)) return true;
  return host.split('.').some((label) => REGULATOR_LABEL.test(label));
}

export interface LinkFindings {
  links: LicenseLink[];
  codes: CodeCandidate[];
  registrationNumbers: RegistrationNumberCandidate[];
  /** The anchors that are license links: their pictures are badges, not pictures of a license. */
  anchors: Set<AnchorRecord>;
}

export function anchorText(anchor: AnchorRecord, text: PageText): string {
  const own = text.slice(anchor.block.start, anchor.block.end);
  if (own) return own;
  const image = anchor.images[0];
  return (image?.alt || image?.title || anchor.title).replace(/\s+/g, ' ').trim();
}

/**
 * What a link says it leads to: its own words, or for a link with none (an icon drawn by the style
 * sheet) the label right before it on its line: "工商执照：<a class=licence></a>".
 */
function licenceLabel(anchor: AnchorRecord, text: PageText): string {
  const own = anchorText(anchor, text).replace(/[\s:：>》]+/g, '');
  if (own) return own;
  const before = text.slice(Math.max(0, anchor.block.start - 16), anchor.block.start);
  const label = /([\u4e00-\u9fff]{2,10})[ \t]*[:：][ \t]*$/.exec(before);
  return label?.[1] ?? '';
}

export function findLicenseLinks(
  anchors: readonly AnchorRecord[],
  text: PageText,
  base: URL | null,
): LinkFindings {
  const found: LinkFindings = { links: [], codes: [], registrationNumbers: [], anchors: new Set() };
  const byHref = new Map<string, LicenseLink>();
  for (const anchor of anchors) {
    const url = absoluteUrl(anchor.href, base);
    if (!url) continue;
    const identity = urlIdentity(url);
    const official = officialLicenseLink(url);
    // The national serial begins with the code: <code>-SAIC_SHOW_...
    if (!identity.code && official?.code) {
      identity.code = official.code;
      identity.codeValid = official.codeValid ?? false;
    }
    const labelled =
      !identity.code &&
      !official &&
      !isRegulatorUrl(url) &&
      !IMAGE_FILE.test(url.pathname) &&
      // A link to the page itself (the licence page's own menu entry) leads nowhere new.
      url.href.split('#')[0] !== base?.href.split('#')[0] &&
      /^https?:$/.test(url.protocol) &&
      LICENCE_LINK_LABEL.test(licenceLabel(anchor, text));
    if (!identity.code && !official && !isRegulatorUrl(url) && !labelled) continue;
    found.anchors.add(anchor);
    const known = byHref.get(url.href);
    if (known) {
      known.hidden &&= anchor.hidden;
      continue;
    }
    const link: LicenseLink = {
      href: url.href,
      host: url.host,
      text: anchorText(anchor, text),
      hidden: anchor.hidden,
      ...(official ? { issuer: official.issuer.id } : {}),
      ...(labelled ? { labelled: true as const } : {}),
    };
    if (identity.code) {
      link.code = identity.code;
      link.codeValid = identity.codeValid ?? false;
      found.codes.push({
        text: identity.code,
        code: identity.code,
        valid: link.codeValid,
        source: 'license_link',
        hidden: anchor.hidden,
      });
    } else if (identity.id) {
      link.id = identity.id;
    }
    if (identity.registrationNumber) {
      found.registrationNumbers.push({
        number: identity.registrationNumber,
        source: 'license_link',
        hidden: anchor.hidden,
      });
    }
    byHref.set(url.href, link);
    found.links.push(link);
  }
  return found;
}

/**
 * Pictures that look like a business license: by alt or title, file name, or a short caption in the
 * same block; and links whose text names a license and that open a picture. Badges inside license
 * links and hidden pictures are left out: neither shows a visitor the license.
 */
export function findLicenseImages(
  images: readonly ImageRecord[],
  anchors: readonly AnchorRecord[],
  licenseAnchors: ReadonlySet<AnchorRecord>,
  text: PageText,
  base: URL | null,
): LicenseImage[] {
  const found = new Map<string, LicenseImage>();
  for (const image of images) {
    if (image.hidden || (image.anchor && licenseAnchors.has(image.anchor))) continue;
    const url = absoluteUrl(image.src, base);
    if (!url || found.has(url.href)) continue;
    const fileName = decodeSafely(url.pathname.split('/').pop() ?? '');
    // Only a short block is a caption; slicing every long one would make the page quadratic.
    const { start, end } = image.container;
    const caption = end - start <= 200 ? text.slice(start, end) : '';
    const reason = LICENSE_WORDS.test(image.alt)
      ? `alt text: ${image.alt.trim()}`
      : LICENSE_WORDS.test(image.title)
        ? `title: ${image.title.trim()}`
        : LICENSE_WORDS.test(fileName)
          ? `file name: ${fileName}`
          : caption.length <= 80 && /执照/.test(caption)
            ? `caption: ${caption}`
            : undefined;
    if (reason) found.set(url.href, { src: url.href, alt: image.alt, reason });
  }
  for (const anchor of anchors) {
    if (anchor.hidden || licenseAnchors.has(anchor)) continue;
    const url = absoluteUrl(anchor.href, base);
    if (!url || !IMAGE_FILE.test(url.pathname) || found.has(url.href)) continue;
    const label = anchorText(anchor, text);
    if (LICENSE_WORDS.test(label))
      found.set(url.href, { src: url.href, alt: label, reason: `link text: ${label}` });
  }
  return [...found.values()];
}

function decodeSafely(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
