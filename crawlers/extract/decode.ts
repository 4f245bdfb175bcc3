import { getEncoding } from 'encoding-sniffer';
import iconv from 'iconv-lite';

/**
 * Bytes to text the way a browser decodes a page (WHATWG encoding sniffing, through cheerio's own
 * encoding-sniffer and iconv-lite):
 *
 * 1. a byte order mark, which overrides the header, as it does in browsers;
 * 2. the charset of the Content-Type header;
 * 3. <meta charset> or <meta http-equiv="Content-Type" content="...; charset="> in the first bytes;
 * 4. UTF-8 (not the spec's windows-1252: a Chinese store without any declaration is UTF-8 today).
 *
 * Labels go through the WHATWG label table, so gb2312, x-gbk and gbk all mean GBK, and GBK is decoded
 * as GB18030, its superset, as the Encoding Standard says: pages labelled gb2312 use GBK characters
 * (镕, 喆...) all the time. A label nobody knows is ignored, never an error.
 */

/** How far into the body a <meta> charset is looked for. The spec says 1024; CMS headers run longer. */
const SNIFF_BYTES = 4096;

// WHATWG encoding names (as whatwg-encoding spells them) to the iconv-lite codec that decodes them.
const CODECS: Record<string, string> = { GBK: 'gb18030', gb18030: 'gb18030', Big5: 'big5hkscs' };

/** The charset parameter of a Content-Type header value, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;]+))/i.exec(contentType ?? '');
  const label = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim();
  return label || undefined;
}

export function decodeHtml(body: Buffer, contentType: string | undefined): { html: string; charset: string } {
  let encoding = getEncoding(body, {
    transportLayerEncodingLabel: charsetOf(contentType),
    defaultEncoding: 'utf-8',
    maxBytes: SNIFF_BYTES,
  });
  // x-user-defined and replacement are what the label table gives for labels no page should use.
  if (!iconv.encodingExists(CODECS[encoding] ?? encoding)) encoding = 'UTF-8';
  const html = iconv.decode(body, CODECS[encoding] ?? encoding);
  return { html, charset: encoding.toLowerCase() };
}
