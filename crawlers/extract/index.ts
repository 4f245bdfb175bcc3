import type { CodeCandidate, Findings, NameCandidate } from '../types.ts';
import { looksLikeCaptcha } from './captcha.ts';
import { type ScanOptions, scanIdentifiers } from './codes.ts';
import { walkDocument } from './dom.ts';
import type { PageModel } from './model.ts';
import { readJsonLd } from './json-ld.ts';
import { findLicenseImages, findLicenseLinks } from './links.ts';
import { namesAfterLabels, namesBesideCodes, namesWithLegalForms } from './names-in-text.ts';
import { parseHtml } from './parse.ts';
import { collapsedLength } from './text.ts';
import { findTrustMarks } from './trust-marks.ts';
import { pageBase } from './urls.ts';

/**
 * What one HTML page shows of a store's business identity. Pure: HTML and the page's URL in (for
 * resolving links), findings out; no network, no file system. Never throws: a page too broken to read
 * yields empty findings rather than an exception in the middle of a crawl.
 *
 * Hidden means display:none, visibility:hidden or the `hidden` attribute on the element or an
 * ancestor, or inside <template> or <noscript> (a visitor with scripting on, which is every browser
 * in use, never sees <noscript>). Styles from style sheets and classes are not resolved.
 */
export function extractFindings(html: string, pageUrl: string): Findings {
  try {
    return extract(typeof html === 'string' ? html : String(html ?? ''), String(pageUrl ?? ''));
  } catch {
    return emptyFindings();
  }
}

/** Findings of a page that shows nothing: the start of every extraction, and what a failed one returns. */
export function emptyFindings(): Findings {
  return {
    names: [],
    codes: [],
    registrationNumbers: [],
    licenseLinks: [],
    jsonLd: [],
    licenseImages: [],
    trustMarks: [],
    page: { title: '', textLength: 0, scriptCount: 0, captcha: false },
  };
}

function extract(html: string, pageUrl: string): Findings {
  const model = walkDocument(parseHtml(html));
  const base = pageBase(pageUrl);
  const { text } = model;
  const everything: ScanOptions = { source: 'text', isHidden: (start, end) => text.isHidden(start, end) };
  const visibleOnly: ScanOptions = { source: 'text', isHidden: () => false };

  // The full text finds hidden candidates too; the visible text finds what hidden decoys would break.
  const inText = [scanIdentifiers(text.all, everything), scanIdentifiers(text.visible, visibleOnly)];
  const inAlt = model.images.map((image) => scanAlt(image.alt, image.hidden));
  const links = findLicenseLinks(model.anchors, text, base);
  const jsonLd = readJsonLd(model.scripts);
  const meta = readMeta(model);

  const names = [
    ...namesAfterLabels(text.all, everything),
    ...namesAfterLabels(text.visible, visibleOnly),
    ...namesWithLegalForms(text.all, everything),
    ...namesWithLegalForms(text.visible, visibleOnly),
    ...namesBesideCodes(text.all, everything),
    ...namesBesideCodes(text.visible, visibleOnly),
    ...inAlt.flatMap((found) => found.names),
    ...jsonLd.names,
    ...meta.names,
  ];
  const codes = [
    ...inText.flatMap((found) => found.codes),
    ...inAlt.flatMap((found) => found.codes),
    ...jsonLd.codes,
    ...links.codes,
    ...meta.codes,
  ];
  const registrationNumbers = [
    ...inText.flatMap((found) => found.registrationNumbers),
    ...links.registrationNumbers,
  ];
  const textLength = collapsedLength(text.visible);
  return {
    names: unique(names, (n) => `${n.source}\u0000${n.normalized}`),
    codes: unique(codes, (c) => `${c.source}\u0000${c.code}`),
    registrationNumbers: unique(registrationNumbers, (r) => `${r.source}\u0000${r.number}`),
    licenseLinks: links.links,
    jsonLd: jsonLd.items,
    licenseImages: findLicenseImages(model.images, model.anchors, links.anchors, text, base),
    trustMarks: findTrustMarks(model, text, base),
    page: {
      title: model.title,
      textLength,
      scriptCount: model.scripts.filter((script) => !/^application\/ld\+json\b/.test(script.type)).length,
      captcha: looksLikeCaptcha({
        title: model.title,
        visibleText: text.visible,
        textLength,
        widgets: model.captchaWidgets,
      }),
    },
  };
}

/** One candidate per key, in page order; hidden only when every occurrence is hidden. */
function unique<T extends { hidden: boolean }>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const known = seen.get(key(item));
    if (!known) seen.set(key(item), { ...item });
    else if (!item.hidden) known.hidden = false;
  }
  return [...seen.values()];
}

interface Found {
  names: NameCandidate[];
  codes: CodeCandidate[];
}

function scanAlt(alt: string, hidden: boolean): Found {
  if (!alt.trim()) return { names: [], codes: [] };
  const options: ScanOptions = { source: 'image_alt', isHidden: () => hidden };
  return {
    names: [...namesAfterLabels(alt, options), ...namesWithLegalForms(alt, options)],
    codes: scanIdentifiers(alt, options).codes,
  };
}

// Meta tags that name the operator or carry a code: <meta name="author" content="某某有限公司">.
const NAME_META = /^(?:author|copyright|publisher|owner|og:site_name|dc\.publisher|application-name)$/;
const CODE_META = /uscc|credit|tax|licen[cs]e/;

function readMeta(model: PageModel): Found {
  const found: Found = { names: [], codes: [] };
  const options: ScanOptions = { source: 'meta', isHidden: () => false };
  for (const { key, content } of model.metas) {
    if (NAME_META.test(key)) found.names.push(...namesWithLegalForms(content, options));
    if (CODE_META.test(key)) {
      // The meta's name is the code's label: scan the content as if it followed one.
      const prefix = '统一社会信用代码：';
      const codes = scanIdentifiers(prefix + content, options).codes;
      found.codes.push(...codes);
    }
  }
  return found;
}
