/** The file extension of a media type (its parameters ignored); `.bin` for one not listed. */
const EXTENSIONS: Record<string, string> = {
  'text/html': '.html',
  'application/xhtml+xml': '.xhtml',
  'text/plain': '.txt',
  'application/json': '.json',
  'application/ld+json': '.json',
  'text/xml': '.xml',
  'application/xml': '.xml',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/bmp': '.bmp',
  'image/svg+xml': '.svg',
};

export function extensionOf(mediaType: string): string {
  return EXTENSIONS[mediaType.split(';')[0]!.trim().toLowerCase()] ?? '.bin';
}

/**
 * The headers a piece of evidence is served with, by the API and the console alike: its media type, a
 * file name with its type's extension, and a sandbox, so that a kept store page never runs on the gateway.
 */
export function evidenceHeaders(
  verificationId: string,
  piece: { kind: string; media_type: string },
  sha256: string,
  size: number,
  inline = false,
): Record<string, string> {
  const name = `${verificationId}-${piece.kind}-${sha256.slice(0, 12)}${extensionOf(piece.media_type)}`;
  return {
    'content-type': piece.media_type,
    'content-length': String(size),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
    'content-security-policy': "sandbox; default-src 'none'",
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=31536000, immutable',
  };
}
