/** Evidence files consumers add to a complaint: images or PDF, recognised by their first bytes. */

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES_PER_COMPLAINT = 10;

const SIGNATURES: { type: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n' },
  { type: 'image/gif', test: (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' },
  { type: 'image/webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP' },
  { type: 'application/pdf', test: (b) => ascii(b, 0, 5) === '%PDF-' },
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** The media type the content is, or null when it is none of those accepted (whatever the name says). */
export function sniffMediaType(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => bytes.length >= 12 && s.test(bytes))?.type ?? null;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f"]/g;

/** A file name safe to show and to send back in Content-Disposition: no paths, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(UNSAFE_IN_NAME, '').trim().slice(0, 200);
  return clean || 'file';
}
