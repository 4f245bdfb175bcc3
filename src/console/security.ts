import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Keyring } from '../keys/keyring.ts';

/**
 * What every page of the console and the public pages keeps: a content security policy without inline
 * script or style (the style sheet and the script are files of ours), no framing, forms only to us.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Sets the pages' policy (secureHeaders in app.ts sets the other headers and no CSP). */
export function pageHeaders(): MiddlewareHandler {
  return async function pageHeadersMiddleware(c, next) {
    await next();
    c.res.headers.set('content-security-policy', PAGE_CSP);
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}

/** Largest form body a page takes: the complaint form with 5,000 characters of CJK text is ~50 KiB. */
export const MAX_FORM_BYTES = 64 * 1024;

export type FormFields = Record<string, string>;
export type FormResult =
  | { ok: true; fields: FormFields }
  | { ok: false; status: 400 | 413 | 415; why: 'badForm' | 'tooLarge' | 'mediaType' };

/**
 * Reads an application/x-www-form-urlencoded body of at most MAX_FORM_BYTES (counted as it arrives, so
 * a lying or missing Content-Length does not help). A field sent twice keeps its first value.
 */
export async function readForm(c: Context): Promise<FormResult> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { ok: false, status: 415, why: 'mediaType' };
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_FORM_BYTES) return { ok: false, status: 413, why: 'tooLarge' };
  const body = c.req.raw.body;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_FORM_BYTES) {
        await reader.cancel().catch(() => {});
        return { ok: false, status: 413, why: 'tooLarge' };
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, status: 400, why: 'badForm' };
  }
  const fields: FormFields = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (key.length > 64) return { ok: false, status: 400, why: 'badForm' };
    if (!(key in fields)) fields[key] = value;
  }
  return { ok: true, fields };
}

/**
 * A browser's POST from another site is refused before anything else: Sec-Fetch-Site when the
 * browser sends it, else Origin. Requests without either (non-browser clients) still need the form's
 * token, which another site cannot read.
 */
export function sameOriginRequest(c: Context, publicUrl: string): boolean {
  // Browsers that send Sec-Fetch-Site are judged by it alone: with Referrer-Policy no-referrer (set by
  // secureHeaders in app.ts) Chromium sends `Origin: null` even for a same-origin form.
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const own = new URL(c.req.url).origin;
  let configured: string | null = null;
  try {
    configured = new URL(publicUrl).origin;
  } catch {}
  return origin === own || origin === configured;
}

export function equalSecrets(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const FORM_DOMAIN = 'console-form-v1';

/**
 * A form token for people without a session (login, lodging and tracking a complaint): a keyed hash
 * over its purpose, what it is bound to (a tracking code) and its expiry. Another site can neither
 * read one from our pages nor make one.
 */
export function signFormToken(
  keys: Keyring,
  purpose: string,
  binding = '',
  ttlMs = 2 * 3600_000,
  now = Date.now(),
) {
  const expires = String(now + ttlMs);
  const mac = keys.keyedHash(FORM_DOMAIN, `${purpose}\n${binding}\n${expires}`).toString('base64url');
  return `${expires}.${mac}`;
}

export function checkFormToken(
  keys: Keyring,
  token: string | undefined,
  purpose: string,
  binding = '',
  now = Date.now(),
): boolean {
  if (!token || token.length > 200) return false;
  const [expires = '', mac = ''] = token.split('.');
  if (!/^\d{1,15}$/.test(expires) || Number(expires) < now) return false;
  const expected = keys.keyedHash(FORM_DOMAIN, `${purpose}\n${binding}\n${expires}`).toString('base64url');
  return equalSecrets(mac, expected);
}

/** A base that is no real origin: what a path resolves against, to tell whether it stays on it. */
const LOCAL_BASE = 'http://marketgate.invalid';
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * A path on this site to go back to (the language switch's `back`, the login's `next`); anything else
 * goes to `fallback`. Never judged by its prefix: browsers drop tabs and newlines from a URL and read a
 * backslash as a slash, so `/\t/evil.example` and `/\\evil.example` lead off-site. Refused: any control
 * character or backslash, anything not starting with one slash (`//host`, `https:`, `javascript:`),
 * anything that resolves to another origin; what passes is given back normalised (path and query,
 * percent-encoded, dot segments resolved), and refused when that starts with `//`.
 */
export function localPath(value: string | undefined, fallback = '/'): string {
  if (!value || value.length > 512 || CONTROL_OR_BACKSLASH.test(value)) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, LOCAL_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_BASE) return fallback;
  const path = url.pathname + url.search;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as another host.
  return path.startsWith('//') ? fallback : path;
}
