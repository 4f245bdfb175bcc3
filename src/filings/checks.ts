import type { Keyring } from '../keys/keyring.ts';
import type { FilingKind, RecordError } from './receipt.ts';
import type { RawRecord, RecordPosition } from './sources.ts';

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

/** Every kind's checker, by the kind's name: the worker builds them from this table. */
export type CheckerFactory = (keys: Keyring) => Checker;

const factories = new Map<FilingKind, CheckerFactory>();

export function registerChecker(kind: FilingKind, factory: CheckerFactory): void {
  factories.set(kind, factory);
}

export function checkerFactory(kind: FilingKind): CheckerFactory {
  const factory = factories.get(kind);
  if (!factory) throw new Error(`no checker registered for ${kind} filings`);
  return factory;
}

/** Bytes come back from a worker as Uint8Array; the stores want Buffers. No copy is made. */
export function asBuffer(bytes: Uint8Array): Buffer;
export function asBuffer(bytes: Uint8Array | null): Buffer | null;
export function asBuffer(bytes: Uint8Array | null): Buffer | null {
  if (bytes === null || Buffer.isBuffer(bytes)) return bytes as Buffer | null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
