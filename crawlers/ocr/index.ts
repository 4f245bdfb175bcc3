/**
 * Reading licence pictures (issue 17): `readLicenceImage` OCRs one PNG or JPEG with tesseract, bounded
 * in bytes, pixels, time and concurrency; `judgeLicenceReading` compares the reading with the filing.
 * See docs/ocr.md.
 */
export { OcrError, type OcrErrorCode } from './errors.ts';
export { readImageHeader, type ImageHeader } from './image-header.ts';
export { OcrPool, defaultOcrPool } from './pool.ts';
export {
  CONFIDENCE_RULE,
  READ_DEFAULTS,
  fieldsOf,
  readLicenceImage,
  type LicenceReading,
  type ReadCode,
  type ReadName,
  type ReadOptions,
} from './read-licence.ts';
export { judgeLicenceReading, type LicenceJudgement } from './judge-reading.ts';
export { tesseractLanguages, tesseractVersion } from './tesseract.ts';
export { parseTsv, type OcrLine, type OcrText, type OcrWord } from './tsv.ts';
