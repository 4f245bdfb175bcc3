import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const CRAWLER_NAME = 'marketgate-verifier';
export const CRAWLER_VERSION = manifest.version;
/** An honest User-Agent: who we are, which version, and where to read what we do. */
export const CRAWLER_USER_AGENT = `Mozilla/5.0 (compatible; ${CRAWLER_NAME}/${CRAWLER_VERSION}; +https://github.com/marketgate/marketgate/blob/main/docs/crawler.md)`;
