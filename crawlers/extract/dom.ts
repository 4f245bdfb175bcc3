import type { AnyNode, Element } from 'domhandler';
import type { AnchorRecord, BlockRecord, ImageRecord, MarkRecord, PageModel } from './model.ts';
import { parseFragment } from './parse.ts';
import { TextBuilder } from './text.ts';

/**
 * One pass over the parsed document that gathers everything the extractors read: the text, links,
 * pictures, scripts, meta tags and elements that declare themselves trust marks. The walk keeps its
 * own stack: pages nest deeper than the call stack allows (see parse.ts for how deep).
 */

// Elements that start and end a line of text (<br> is handled on its own).
const BLOCKS = new Set(
  (
    'address article aside blockquote body button caption dd details dialog div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol option p pre section select summary ' +
    'table tbody td textarea tfoot th thead tr ul'
  ).split(' '),
);
// Content a visitor never reads as text.
const SKIPPED = new Set(['style', 'iframe', 'noembed', 'noframes', 'object', 'svg', 'math']);
const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)/i;
// Class tokens such as trust-mark, seal, license-badge, footer-seals; not "sealed" or "badger".
const MARK_CLASS = /(?:^|[\s_-])(?:trust-?marks?|seals?|badges?)(?:$|[\s_-])/i;
// Elements that hold a whole page; a class on them says nothing about a mark.
const NEVER_MARKS = new Set(['html', 'head', 'body', 'main']);
const CAPTCHA_ATTRIBUTE =
  /captcha|geetest|nc[-_](?:container|scale|token|wrapper)|slide-?verify|verify-?slide|cf-challenge|turnstile/i;
const CAPTCHA_INPUT = /captcha|verifycode|checkcode|yzm|vcode/i;
// The answer a captcha script fills in by itself: never typed by a visitor.
const CAPTCHA_TOKEN = /(?:^|[-_])(?:response|token)$/i;

interface Context {
  hidden: boolean;
  anchor: AnchorRecord | null;
  mark: MarkRecord | null;
  block: BlockRecord;
}

/** Leaving an element: the ranges it opened end here (block elements also end their line). */
interface Exit {
  exit: true;
  block: BlockRecord | null;
  ranges: BlockRecord[];
}

type Step = { node: AnyNode; ctx: Context } | Exit;

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function hidesItself(el: Element): boolean {
  const { attribs } = el;
  if (el.name === 'template' || el.name === 'noscript' || 'hidden' in attribs) return true;
  return attribs.style !== undefined && HIDING_STYLE.test(attribs.style);
}

function textOf(el: Element): string {
  let text = '';
  for (const child of el.children) if (child.type === 'text') text += child.data;
  return text;
}

export function walkDocument(root: AnyNode): PageModel {
  const builder = new TextBuilder();
  const model: Omit<PageModel, 'text'> = {
    title: '',
    anchors: [],
    images: [],
    scripts: [],
    metas: [],
    marks: [],
    captchaWidgets: 0,
  };
  const rootBlock: BlockRecord = { start: 0, end: 0 };
  const stack: Step[] = [{ node: root, ctx: { hidden: false, anchor: null, mark: null, block: rootBlock } }];
  const pushChildren = (children: AnyNode[], ctx: Context): void => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, ctx });
  };

  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('exit' in step) {
      for (const range of step.ranges) range.end = builder.offset;
      if (step.block) {
        step.block.end = builder.offset;
        builder.appendBreak();
      }
      continue;
    }
    const { node, ctx } = step;
    if (node.type === 'text') {
      builder.appendText(node.data, ctx.hidden);
      continue;
    }
    if (node.type === 'root') {
      pushChildren(node.children, ctx);
      continue;
    }
    if (!isElement(node)) continue; // comments, doctype, processing instructions
    const el = node;
    const name = el.name;
    const attribs = el.attribs;
    const hidden = ctx.hidden || hidesItself(el);
    if (name === 'title') {
      if (!model.title) model.title = textOf(el).replace(/\s+/g, ' ').trim();
      continue;
    }
    if (name === 'meta') {
      const key = (attribs.name ?? attribs.property ?? attribs['http-equiv'] ?? '').toLowerCase();
      if (key && attribs.content) model.metas.push({ key, content: attribs.content });
      continue;
    }
    if (name === 'script') {
      const script = {
        src: attribs.src ?? '',
        type: (attribs.type ?? '').toLowerCase(),
        content: textOf(el),
        mark: ctx.mark,
      };
      model.scripts.push(script);
      ctx.mark?.scripts.push(script);
      continue;
    }
    if (isCaptchaWidget(name, attribs, hidden)) model.captchaWidgets++;
    if (name === 'img') {
      const image: ImageRecord = {
        src: attribs.src ?? attribs['data-src'] ?? attribs['data-original'] ?? '',
        attribs,
        alt: attribs.alt ?? '',
        title: attribs.title ?? '',
        hidden,
        anchor: ctx.anchor,
        mark: ctx.mark,
        container: ctx.block,
      };
      model.images.push(image);
      ctx.anchor?.images.push(image);
      ctx.mark?.images.push(image);
      continue;
    }
    if (name === 'br') {
      builder.appendBreak();
      continue;
    }
    if (SKIPPED.has(name)) continue;
    if (name === 'noscript' && el.children.every((c) => c.type === 'text')) {
      // Raw text while scripting is on: its markup, parsed, is what a visitor without scripts would see.
      stack.push({ node: parseFragment(textOf(el)), ctx: { ...ctx, hidden: true } });
      continue;
    }

    let block: BlockRecord | null = null;
    if (BLOCKS.has(name)) {
      builder.appendBreak();
      block = { start: builder.offset, end: builder.offset };
    }
    let mark: MarkRecord | null = null;
    if (!ctx.mark && !NEVER_MARKS.has(name) && isDeclaredMark(attribs)) {
      mark = {
        attribs,
        hidden,
        anchors: [],
        images: [],
        scripts: [],
        block: { start: builder.offset, end: 0 },
      };
      model.marks.push(mark);
    }
    let anchor: AnchorRecord | null = null;
    if ((name === 'a' || name === 'area') && attribs.href !== undefined) {
      anchor = {
        href: attribs.href,
        attribs,
        title: attribs.title ?? '',
        hidden,
        block: { start: builder.offset, end: 0 },
        images: [],
        mark: ctx.mark,
      };
      model.anchors.push(anchor);
      ctx.mark?.anchors.push(anchor);
    }
    const childHidden = hidden || name === 'head'; // <head>: its title, metas and scripts; no page text
    if (block || mark || anchor) {
      const ranges = [mark?.block, anchor?.block].filter((range) => range !== undefined);
      stack.push({ exit: true, block, ranges });
    }
    // Most elements change nothing in the context: they share it (pages run to a million elements).
    // The body is no caption of the pictures in it: they keep the empty root block.
    const captionBlock = name === 'body' ? null : block;
    const child: Context =
      childHidden !== ctx.hidden || captionBlock || mark || anchor
        ? {
            hidden: childHidden,
            anchor: anchor ?? ctx.anchor,
            mark: mark ?? ctx.mark,
            block: captionBlock ?? ctx.block,
          }
        : ctx;
    pushChildren(el.children, child);
  }
  return { ...model, text: builder.build() };
}

function isDeclaredMark(attribs: Record<string, string>): boolean {
  return 'data-mark-id' in attribs || 'data-trust-mark' in attribs || MARK_CLASS.test(attribs.class ?? '');
}

/**
 * A captcha a visitor must solve: a visible widget or a visible input for its answer. A script that
 * loads a captcha library, a hidden token field (g-recaptcha-response, cf-turnstile-response) and an
 * invisible reCAPTCHA (data-size="invisible") ask nothing of the visitor: login pages and thin landing
 * pages carry them, and they stand in front of nothing.
 */
function isCaptchaWidget(name: string, attribs: Record<string, string>, hidden: boolean): boolean {
  if (hidden || (attribs['data-size'] ?? '').toLowerCase() === 'invisible') return false;
  if (name === 'input') {
    const field = attribs.name ?? '';
    if ((attribs.type ?? '').toLowerCase() === 'hidden' || CAPTCHA_TOKEN.test(field)) return false;
    if (CAPTCHA_INPUT.test(field)) return true;
  }
  return captchaAttributes(attribs);
}

function captchaAttributes(attribs: Record<string, string>): boolean {
  const { id, class: className, name } = attribs;
  return (
    (id !== undefined && CAPTCHA_ATTRIBUTE.test(id)) ||
    (className !== undefined && CAPTCHA_ATTRIBUTE.test(className)) ||
    (name !== undefined && CAPTCHA_ATTRIBUTE.test(name))
  );
}
