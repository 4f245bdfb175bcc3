import { OcrError } from './errors.ts';

export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/**
 * The format and dimensions of a PNG or JPEG, read from its header without decoding it, and a check
 * that it is whole. Decoding is left to tesseract (Leptonica); this only decides whether the picture
 * may be given to it: a 20 KB PNG can declare 100,000 × 100,000 pixels and take gigabytes to decode.
 */
export function readImageHeader(bytes: Buffer): ImageHeader {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return pngHeader(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return jpegHeader(bytes);
  throw new OcrError('not_an_image', 'the picture is neither a PNG nor a JPEG');
}

function pngHeader(bytes: Buffer): ImageHeader {
  // The first chunk is IHDR: length (4) "IHDR" (4) width (4) height (4) ... at offset 8.
  if (bytes.length < 8 + 8 + 13 + 4 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new OcrError('truncated', 'the PNG ends before its header chunk');
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (!bytes.subarray(bytes.length - PNG_IEND.length).equals(PNG_IEND)) {
    throw new OcrError('truncated', 'the PNG has no end chunk (IEND): cut short');
  }
  return { format: 'png', width, height };
}

// Start-of-frame markers (baseline, progressive, lossless, arithmetic): C0-CF except C4, C8, CC.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegHeader(bytes: Buffer): ImageHeader {
  let at = 2;
  let frame: { width: number; height: number } | null = null;
  while (at + 4 <= bytes.length && !frame) {
    if (bytes[at] !== 0xff) throw new OcrError('not_an_image', 'the JPEG has a broken segment list');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (SOF.has(marker)) {
      if (at + 9 > bytes.length) break;
      frame = { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  if (!frame) throw new OcrError('truncated', 'the JPEG ends before its frame header');
  // The end-of-image marker, allowing for a few bytes of padding some encoders append.
  const tail = bytes.subarray(Math.max(0, bytes.length - 32));
  if (tail.lastIndexOf(Buffer.from([0xff, 0xd9])) < 0) {
    throw new OcrError('truncated', 'the JPEG has no end-of-image marker: cut short');
  }
  return { format: 'jpeg', ...frame };
}
