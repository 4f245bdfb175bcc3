/**
 * Evidence files consumers add to a complaint: images or PDF, recognised by their first bytes. A file is
 * named by nothing the uploader said: it is kept content-addressed under <data>/complaint-files (by its
 * SHA-256, no extension), and known and downloaded as `<first 16 hex digits>.<extension of its sniffed
 * type>`. The uploader's name is only echoed back in a refusal of that very upload.
 */
import { DomainError } from '../errors.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const SIGNATURES: { type: string; extension: string; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', extension: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', extension: 'png', test: (b) => ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n' },
  {
    type: 'image/gif',
    extension: 'gif',
    test: (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a',
  },
  {
    type: 'image/webp',
    extension: 'webp',
    test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  },
  { type: 'application/pdf', extension: 'pdf', test: (b) => ascii(b, 0, 5) === '%PDF-' },
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** The media type the content is, or null when it is none of those accepted (whatever the name says). */
export function sniffMediaType(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => bytes.length >= 12 && s.test(bytes))?.type ?? null;
}

/**
 * The name a stored file is known and downloaded by: from its hash and its sniffed type only (migration
 * 013 renamed the files kept before under their uploaders' names). A GIF that is also an HTML page is
 * `….gif`, never `….html`.
 */
export function storedFileName(sha256: string, mediaType: string): string {
  const extension = SIGNATURES.find((s) => s.type === mediaType)?.extension;
  return extension ? `${sha256.slice(0, 16)}.${extension}` : sha256.slice(0, 16);
}

// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f"]/g;

/** An uploader's file name safe to echo in a refusal: no paths, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(UNSAFE_IN_NAME, '').trim().slice(0, 200);
  return clean || 'file';
}

/** An upload that passed the checks: its bytes and the type read from them. */
export interface CheckedUpload {
  bytes: Buffer;
  type: string;
}

/**
 * Refuses a file past MAX_FILE_BYTES or that is no image or PDF by its content, naming it as uploaded:
 * a complaint's evidence and a lead's files are checked alike.
 */
export function checkUploads(uploads: readonly { bytes: Buffer; uploadedName: string }[]): CheckedUpload[] {
  return uploads.map(({ bytes, uploadedName }) => {
    if (bytes.length > MAX_FILE_BYTES)
      throw new DomainError(
        'payload_too_large',
        `${safeFileName(uploadedName)} is past ${MAX_FILE_BYTES} bytes`,
      );
    const type = sniffMediaType(bytes);
    if (!type)
      throw new DomainError(
        'unsupported_file_type',
        `${safeFileName(uploadedName)} is not a JPEG, PNG, GIF, WebP image or a PDF by its content`,
      );
    return { bytes, type };
  });
}
