import type { TrustMarkElement } from '../types.ts';
import type { AnchorRecord, ImageRecord, MarkRecord, ScriptRecord } from './model.ts';
import { anchorText } from './links.ts';
import type { PageText } from './text.ts';
import { absoluteUrl, idOf } from './urls.ts';

/**
 * Trust marks and seals: what the trust-mark verifiers check. An element is one when it says so
 * (data-mark-id, data-trust-mark, a class such as trust-mark, seal, badge), when a link, picture or
 * script comes from a known seal issuer (knet.cn 可信网站, szfw.org 诚信网站, cnnic, 315online...), or
 * when a picture links to a gov.cn page (license, ICP and public-security filing badges).
 */

const SEAL_ISSUERS = [
  'knet.cn',
  'szfw.org',
  'cnnic.cn',
  'cnnic.net.cn',
  '315online.com',
  '315online.com.cn',
  'itrust.org.cn',
  'trustutn.org',
  'webscan.360.cn',
  'cyberpolice.cn',
];

function isSealIssuer(url: URL | null): boolean {
  const host = url?.hostname.toLowerCase();
  return host !== undefined && SEAL_ISSUERS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

function isGovernmentHost(url: URL | null): boolean {
  return url !== null && (url.hostname.endsWith('.gov.cn') || url.hostname === 'gov.cn');
}

/** data-* attributes, id and class: what identifies the element to a verifier. */
function identifyingAttributes(attribs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attribs)) {
    if (key.startsWith('data-') || key === 'id' || key === 'class') out[key] = value;
  }
  return out;
}

interface Parts {
  href: URL | null;
  img: URL | null;
  script: URL | null;
  text: string;
  attribs: Record<string, string>;
  /** The picture's own attributes: signed marks carry their payload and signature on the <img>. */
  imgAttribs?: Record<string, string>;
}

function mark({ href, img, script, text, attribs, imgAttribs }: Parts): TrustMarkElement {
  const element: TrustMarkElement = {
    text,
    attributes: { ...identifyingAttributes(imgAttribs ?? {}), ...identifyingAttributes(attribs) },
  };
  if (href) element.href = href.href;
  if (img) element.imgSrc = img.href;
  const issuer = href ?? script ?? img;
  if (issuer) element.issuerHost = issuer.host;
  const declared = attribs['data-mark-id'] ?? attribs['data-trust-mark'];
  const id =
    (declared && declared !== 'true' ? declared : undefined) ??
    (href && idOf(href)) ??
    (script && idOf(script)) ??
    (img && idOf(img));
  if (id) element.id = id;
  return element;
}

export function findTrustMarks(
  model: { anchors: AnchorRecord[]; images: ImageRecord[]; scripts: ScriptRecord[]; marks: MarkRecord[] },
  text: PageText,
  base: URL | null,
): TrustMarkElement[] {
  const found: TrustMarkElement[] = [];
  const abs = (raw: string | undefined): URL | null => (raw ? absoluteUrl(raw, base) : null);
  const fromAnchor = (anchor: AnchorRecord, attribs = anchor.attribs): TrustMarkElement =>
    mark({
      href: abs(anchor.href),
      img: abs(anchor.images[0]?.src),
      script: null,
      text: anchorText(anchor, text),
      attribs,
      imgAttribs: anchor.images[0]?.attribs,
    });
  const fromImage = (image: ImageRecord): TrustMarkElement =>
    mark({
      href: abs(image.anchor?.href),
      img: abs(image.src),
      script: null,
      text: (image.alt || image.title).trim(),
      attribs: image.attribs,
      imgAttribs: image.attribs,
    });
  const fromScript = (script: ScriptRecord): TrustMarkElement =>
    mark({ href: null, img: null, script: abs(script.src), text: '', attribs: {} });

  for (const declared of model.marks) {
    const looseImages = declared.images.filter((image) => !image.anchor);
    const scripts = declared.scripts.filter((script) => script.src);
    if (declared.anchors.length + looseImages.length + scripts.length <= 1) {
      const anchor = declared.anchors[0];
      // The declared element may be the link itself (<a class="trust-seal" href=…><img …></a>).
      const image = anchor?.images[0] ?? looseImages[0] ?? declared.images[0];
      const own = text.slice(declared.block.start, declared.block.end);
      found.push(
        mark({
          href: abs(anchor?.href ?? declared.attribs.href),
          img: abs(image?.src),
          script: abs(scripts[0]?.src),
          text: own || (image ? (image.alt || image.title).trim() : ''),
          attribs: declared.attribs,
          imgAttribs: image?.attribs,
        }),
      );
      continue;
    }
    // A row of badges under one "seals" container: each is its own mark.
    for (const anchor of declared.anchors) found.push(fromAnchor(anchor));
    for (const image of looseImages) found.push(fromImage(image));
    for (const script of scripts) found.push(fromScript(script));
  }

  const anchorMarks = new Set<AnchorRecord>();
  for (const anchor of model.anchors) {
    if (anchor.mark) continue;
    const href = abs(anchor.href);
    if (isSealIssuer(href) || (isGovernmentHost(href) && anchor.images.length > 0)) {
      anchorMarks.add(anchor);
      found.push(fromAnchor(anchor));
    }
  }
  for (const image of model.images) {
    if (image.mark || (image.anchor && anchorMarks.has(image.anchor))) continue;
    if (isSealIssuer(abs(image.src))) found.push(fromImage(image));
  }
  for (const script of model.scripts) {
    if (!script.mark && isSealIssuer(abs(script.src))) found.push(fromScript(script));
  }
  return found;
}
