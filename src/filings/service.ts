import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { Keyring } from '../keys/keyring.ts';
import { utcNow } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import type { BodyFormat, LimitedBody } from './body.ts';
import {
  type FilingCounts,
  type FilingKind,
  listDigest,
  type Receipt,
  type RecordError,
  type RecordWarning,
  signReceipt,
} from './receipt.ts';
import { type RawRecord, readRecords, type SourceOptions } from './sources.ts';
import type { FilingsStore } from './store.ts';

/**
 * What one kind of filing (sellers, transactions) plugs into the common intake: it checks each record
 * as it streams in (all the slow work: validation, encryption, hashing) and later applies the accepted
 * ones inside the filing's single write transaction.
 */
export interface FilingIntake {
  readonly source: SourceOptions;
  accept(raw: RawRecord): void;
  /** Errors so far, in record order. */
  errors(): RecordError[];
  received(): number;
  /** Runs inside the write transaction; must be synchronous. */
  apply(filing: { filingId: string; receivedAt: string }): Omit<FilingCounts, 'received' | 'rejected'> & {
    warnings: RecordWarning[];
  };
}

export interface FilingRequest {
  platform: { id: number; slug: string };
  kind: FilingKind;
  format: BodyFormat;
  body: LimitedBody;
  idempotencyKey: string | null;
  atomic: boolean;
  intake: FilingIntake;
}

export interface FilingOutcome {
  receipt: Receipt;
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new ApiError('invalid_parameter', 'Idempotency-Key must be 1-255 visible ASCII characters', {
      parameter: 'Idempotency-Key',
    });
  }
  return header;
}

function replayOrRefuse(
  previous: { receipt: Receipt; bodySha256: string },
  bodySha256: string,
): FilingOutcome {
  if (previous.bodySha256 !== bodySha256) {
    throw new ApiError(
      'idempotency_key_reused',
      `this Idempotency-Key was used for filing ${previous.receipt.filing_id} with another body; use a new key for new data`,
      { filing_id: previous.receipt.filing_id },
    );
  }
  return { receipt: previous.receipt, replayed: true };
}

/**
 * Reads a whole filing, then writes it in one transaction together with its signed receipt, so that a
 * receipt exists exactly when the data it describes is committed. Nothing is written before the body
 * has arrived in full: a cut connection leaves no trace, and a retry with the same Idempotency-Key
 * either completes the filing or returns the receipt of the one that did.
 */
export async function runFiling(deps: { db: Db; keys: Keyring; filings: FilingsStore }, req: FilingRequest) {
  const { db, keys, filings } = deps;
  const receivedAt = utcNow();
  const previous = req.idempotencyKey
    ? filings.byIdempotencyKey(req.platform.id, req.idempotencyKey)
    : undefined;
  if (previous) {
    // Only the digest matters for a replay: read the body without parsing it.
    for await (const _ of req.body.chunks);
    return replayOrRefuse(previous, req.body.sha256());
  }
  for await (const raw of readRecords(req.format, req.body.chunks, req.intake.source)) req.intake.accept(raw);
  const bodySha256 = req.body.sha256();
  const errors = req.intake.errors();
  const rejectedRecords = new Set(errors.map((e) => ('index' in e ? `i${e.index}` : `l${e.line}`))).size;
  const applied = !(req.atomic && rejectedRecords > 0);

  const write = db.transaction((): FilingOutcome => {
    // Another request with the same key may have committed while this body was streaming.
    const raced = req.idempotencyKey
      ? filings.byIdempotencyKey(req.platform.id, req.idempotencyKey)
      : undefined;
    if (raced) return replayOrRefuse(raced, bodySha256);
    const filingId = newId();
    const outcome = applied
      ? req.intake.apply({ filingId, receivedAt })
      : { created: 0, updated: 0, unchanged: 0, warnings: [] };
    const signed = signReceipt(keys, {
      filing_id: filingId,
      platform: req.platform.slug,
      kind: req.kind,
      received_at: receivedAt,
      body_sha256: bodySha256,
      idempotency_key: req.idempotencyKey,
      atomic: req.atomic,
      applied,
      counts: {
        received: req.intake.received(),
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        rejected: rejectedRecords,
      },
      errors_sha256: listDigest(errors),
      warnings_sha256: listDigest(outcome.warnings),
    });
    filings.insertProblems(filingId, 'error', errors);
    filings.insertProblems(filingId, 'warning', outcome.warnings);
    filings.insert(req.platform.id, signed);
    return { receipt: { ...signed, errors, warnings: outcome.warnings }, replayed: false };
  });
  // IMMEDIATE takes the write lock up front, so a CLI writing to the same file cannot deadlock with us.
  return write.immediate();
}
