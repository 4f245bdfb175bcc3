import { OcrError } from './errors.ts';

/**
 * At most `concurrency` OCR processes at once, the rest waiting in a queue of at most `maxQueue`.
 * tesseract takes a core for about a second per licence picture: two at a time keeps the crawl's own
 * work (fetching, parsing on the extract workers) moving on a small machine. A full queue refuses at
 * once (`queue_full`) rather than letting the crawl wait on pictures.
 */
export class OcrPool {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most tasks that ever ran at once: for tests and the benchmark. */
  peak = 0;

  constructor(
    readonly concurrency = 2,
    readonly maxQueue = 64,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be ≥ 1');
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue) {
        throw new OcrError('queue_full', `${this.waiting.length} pictures already wait for OCR`);
      }
      // The slot is handed over by the task that ends (see finally): `active` stays counted, so a
      // newcomer cannot slip in between the end of one task and the start of the next.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** The pool readLicenceImage uses unless given another. */
export const defaultOcrPool = new OcrPool(2);
