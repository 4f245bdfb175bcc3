const MAX_URL_LENGTH = 2048;

/**
 * Normalises a store URL so that two filings of the same store compare equal: absolute http(s) only,
 * host lower-cased and IDNA-encoded, default port and fragment dropped, empty path made "/".
 * Returns null when the text is not such a URL (or carries credentials, which a public store never does).
 */
export function normalizeStoreUrl(input: string): string | null {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  url.hash = '';
  // Percent-encoding can make the normalised URL much longer than what was sent.
  const normalized = url.toString();
  return normalized.length > MAX_URL_LENGTH ? null : normalized;
}
