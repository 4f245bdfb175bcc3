import type { FilingCounts, RecordError } from './receipt.ts';
import type { RawRecord, RecordPosition, SourceOptions } from './sources.ts';

/**
 * The first half of taking in a record: everything that needs no database — validation, normalisation,
 * encryption, hashing. Pure given the keys, so it runs in worker threads (src/filings/check-pool.ts)
 * while the main thread parses the body and writes to SQLite. Its result must survive structured
 * cloning: plain objects, strings, numbers and byte arrays.
 */
export type Checked<T> =
  | { position: RecordPosition; ok: false; errors: RecordError[] }
  | { position: RecordPosition; ok: true; value: T; warnings: RecordError[] };

export type Checker = (raw: Exclude<RawRecord, { line: Uint8Array }>, now: Date) => Checked<unknown>;

/**
 * Every filing streams: its records are read one at a time, checked on a worker thread, taken in and
 * staged in small transactions by the writer, invisible to readers, and published at the end in one
 * short transaction with the filing row and its signed receipt (decisions 0004 and 0005). What a
 * cut-off filing staged is discarded; a retry with the same Idempotency-Key starts it afresh.
 *
 * What a kind of filing provides to the writer:
 */
export interface StreamedIntake {
  readonly source: SourceOptions;
  /**
   * Takes one checked record (see kinds.ts) against what is filed already (reads only) and keeps it to
   * be staged, or returns why not.
   */
  admit(checked: Checked<unknown>, filingId: string): { errors: RecordError[]; warnings: RecordError[] };
  /**
   * Fetches, for a batch about to be admitted, what `admit` compares with that is not in this database
   * (orders already loaded into ClickHouse). Called as the batch arrives, before earlier batches are
   * admitted; its batch is admitted only once it resolves. A kind with everything in SQLite has none.
   */
  prepare?(batch: Checked<unknown>[]): Promise<void>;
  /** How many checked records wait to be staged. */
  pending(): number;
  /** Writes the waiting records; runs inside a transaction. */
  stage(filingId: string, at: string): void;
  /** Makes the staged rows current and applies what they change (pointers, statistics); runs inside the publishing transaction. */
  publish(filingId: string): void;
  counts(): Pick<FilingCounts, 'created' | 'updated' | 'unchanged'>;
}

/** Removes up to `limit` staged rows of an unpublished filing of one kind; returns how many it removed. */
export type StageDiscarder = (filingId: string, limit: number) => number;
