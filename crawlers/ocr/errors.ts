/**
 * Why a licence picture was not read. One class with a stable code, so the crawler maps each to its
 * outcome without parsing messages: the refusals and `tesseract_missing` leave the store
 * `inconclusive` / `image_only` with the code as the reason's detail; none of them is a violation.
 */
export type OcrErrorCode =
  /** More bytes than `maxBytes`. */
  | 'too_many_bytes'
  /** Width × height over `maxPixels`, or a side over `maxSide`, read from the header before decoding. */
  | 'too_many_pixels'
  /** Neither PNG nor JPEG. */
  | 'not_an_image'
  /** A PNG or JPEG cut short (no IEND chunk, no frame header or no end-of-image marker). */
  | 'truncated'
  /** No `tesseract` on PATH, or its chi_sim language data is missing. */
  | 'tesseract_missing'
  /** The process ran past `timeoutMs` and was killed. */
  | 'timeout'
  /** Too many pictures already waiting for the pool. */
  | 'queue_full'
  /** tesseract exited with an error or wrote more than the output cap. */
  | 'engine_failed';

export class OcrError extends Error {
  constructor(
    readonly code: OcrErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OcrError';
  }
}
