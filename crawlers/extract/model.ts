import type { PageText } from './text.ts';

/**
 * What the walk over the document (dom.ts) hands the extractors: the page text and the elements
 * they read, each with where its text lies in the page text and whether a visitor sees it.
 */

export interface BlockRecord {
  start: number;
  end: number;
}

export interface MarkRecord {
  attribs: Record<string, string>;
  hidden: boolean;
  anchors: AnchorRecord[];
  images: ImageRecord[];
  scripts: ScriptRecord[];
  block: BlockRecord;
}

export interface AnchorRecord {
  href: string;
  attribs: Record<string, string>;
  title: string;
  hidden: boolean;
  block: BlockRecord;
  images: ImageRecord[];
  mark: MarkRecord | null;
}

export interface ImageRecord {
  src: string;
  attribs: Record<string, string>;
  alt: string;
  title: string;
  hidden: boolean;
  anchor: AnchorRecord | null;
  mark: MarkRecord | null;
  /** The text of the nearest block-level ancestor, for captions. */
  container: BlockRecord;
}

export interface ScriptRecord {
  src: string;
  type: string;
  content: string;
  mark: MarkRecord | null;
}

export interface PageModel {
  text: PageText;
  title: string;
  anchors: AnchorRecord[];
  images: ImageRecord[];
  scripts: ScriptRecord[];
  metas: Array<{ key: string; content: string }>;
  marks: MarkRecord[];
  /** Elements, inputs and scripts that belong to a captcha widget. */
  captchaWidgets: number;
}
