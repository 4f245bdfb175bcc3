import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { Keyring } from '../keys/keyring.ts';
import { utcNow } from '../lib/dates.ts';
import { newId } from '../lib/ids.ts';
import type { BodyFormat, LimitedBody } from './body.ts';
import type { CheckPool } from './check-pool.ts';
import type { Checked } from './checks.ts';
import type { FilingOutcome } from './idempotency.ts';
import {
  type FilingCounts,
  type FilingKind,
  ListDigest,
  type Receipt,
  type RecordError,
  signReceipt,
} from './receipt.ts';
import { type RawRecord, readRecords, type SourceOptions } from './sources.ts';
import type { FilingsStore } from './store.ts';

/**
 * A filing too large to hold in memory (transactions): its records are checked as they stream in and
 * staged in small transactions, invisible to readers, and the whole filing is published at the end in
 * one short transaction that writes its filing row and receipt. What a cut-off filing staged is
 * discarded; a retry with the same Idempotency-Key starts it again from the beginning.
 */
export interface StreamedIntake {
  readonly source: SourceOptions;
  /**
   * Takes one checked record (see checks.ts) against what is filed already (reads only) and keeps it to
   * be staged, or returns why not.
   */
  admit(checked: Checked<unknown>, filingId: string): { errors: RecordError[]; warnings: RecordError[] };
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

export interface StreamedRequest {
  platform: { id: number; slug: string };
  kind: FilingKind;
  format: BodyFormat;
  body: LimitedBody;
  idempotencyKey: string | null;
  atomic: boolean;
  intake: StreamedIntake;
  discard: StageDiscarder;
}

interface Deps {
  db: Db;
  keys: Keyring;
  filings: FilingsStore;
  checks: CheckPool;
}

// Records staged per transaction: small enough that a reader waits at most a few milliseconds.
const STAGE_BATCH = 1000;
// Records sent to a check worker at once, and batches in flight: enough to keep the workers busy while
// the main thread parses and writes, few enough to bound memory.
const CHECK_BATCH = 500;
const CHECKS_IN_FLIGHT = 8;
// Errors a receipt carries in the response itself; the rest are paged from GET /v1/filings/{id}.
export const RECEIPT_ERRORS_INLINE = 1000;
const DISCARD_BATCH = 5000;

// One streamed filing of a kind at a time per platform, so that each sees the orders the previous one
// published; other platforms' filings interleave freely.
const queues = new Map<string, Promise<unknown>>();

async function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => {});
  queues.set(key, tail);
  try {
    return await run;
  } finally {
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/**
 * Staging rows need no fsync: if they are lost, so is the filing, which has no receipt yet. The
 * publishing commit runs with synchronous=FULL, and in WAL mode its fsync covers every earlier frame.
 */
function stageWithoutSync(db: Db, write: () => void): void {
  db.pragma('synchronous = NORMAL');
  try {
    db.transaction(write).immediate();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/**
 * Lets the event loop serve other requests. A body that arrives faster than it is taken in keeps every
 * await of the loop above resolving at once, as microtasks, and I/O would wait until the filing ends.
 */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deletes what a filing staged, in batches so that other writers are never held up for long. */
export async function discardStage(deps: Deps, filingId: string, discard: StageDiscarder): Promise<void> {
  for (;;) {
    let removed = 0;
    stageWithoutSync(deps.db, () => {
      removed = discard(filingId, DISCARD_BATCH);
      if (removed < DISCARD_BATCH) {
        deps.filings.deleteProblems(filingId);
        deps.filings.deleteStage(filingId);
      }
    });
    if (removed < DISCARD_BATCH) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function runStreamedFiling(deps: Deps, req: StreamedRequest): Promise<FilingOutcome> {
  return serialized(`${req.kind}:${req.platform.id}`, () => streamFiling(deps, req));
}

async function streamFiling(deps: Deps, req: StreamedRequest): Promise<FilingOutcome> {
  const { db, keys, filings } = deps;
  const receivedAt = utcNow();
  if (req.idempotencyKey) {
    const previous = filings.byIdempotencyKey(req.platform.id, req.idempotencyKey, RECEIPT_ERRORS_INLINE);
    if (previous) {
      for await (const _ of req.body.chunks);
      if (previous.bodySha256 !== req.body.sha256()) {
        throw new ApiError(
          'idempotency_key_reused',
          `this Idempotency-Key was used for filing ${previous.receipt.filing_id} with another body; use a new key for new data`,
          { filing_id: previous.receipt.filing_id },
        );
      }
      return { receipt: previous.receipt, replayed: true };
    }
    // An earlier attempt with this key was cut off: what it staged goes, and this one starts afresh.
    for (const stale of filings.stagesByKey(req.platform.id, req.idempotencyKey)) {
      await discardStage(deps, stale, req.discard);
    }
  }

  const filingId = newId();
  filings.insertStage({
    id: filingId,
    platform_id: req.platform.id,
    kind: req.kind,
    idempotency_key: req.idempotencyKey,
    started_at: receivedAt,
  });
  const errorDigest = new ListDigest();
  const warningDigest = new ListDigest();
  const inlineErrors: RecordError[] = [];
  const inlineWarnings: RecordError[] = [];
  let pendingErrors: RecordError[] = [];
  let pendingWarnings: RecordError[] = [];
  let rejected = 0;

  const flush = () => {
    const errorsFrom = errorDigest.size - pendingErrors.length;
    const warningsFrom = warningDigest.size - pendingWarnings.length;
    stageWithoutSync(db, () => {
      req.intake.stage(filingId, receivedAt);
      filings.insertProblems(filingId, 'error', pendingErrors, errorsFrom);
      filings.insertProblems(filingId, 'warning', pendingWarnings, warningsFrom);
    });
    pendingErrors = [];
    pendingWarnings = [];
  };

  let received = 0;
  const take = (results: Checked<unknown>[]) => {
    for (const checked of results) {
      received++;
      const { errors, warnings } = checked.ok
        ? (() => {
            const admitted = req.intake.admit(checked, filingId);
            return { errors: admitted.errors, warnings: [...checked.warnings, ...admitted.warnings] };
          })()
        : { errors: checked.errors, warnings: [] };
      if (errors.length) rejected++;
      for (const e of errors) {
        errorDigest.add(e);
        pendingErrors.push(e);
        if (inlineErrors.length < RECEIPT_ERRORS_INLINE) inlineErrors.push(e);
      }
      for (const w of warnings) {
        warningDigest.add(w);
        pendingWarnings.push(w);
        if (inlineWarnings.length < RECEIPT_ERRORS_INLINE) inlineWarnings.push(w);
      }
      if (req.intake.pending() + pendingErrors.length + pendingWarnings.length >= STAGE_BATCH) flush();
    }
  };

  // Batches are checked on workers while the body goes on streaming; results are taken in order.
  const inFlight: Promise<Checked<unknown>[]>[] = [];
  try {
    let batch: RawRecord[] = [];
    // NDJSON lines go to the workers unparsed: JSON.parse is theirs too, not the main thread's.
    for await (const raw of readRecords(req.format, req.body.chunks, req.intake.source, {
      deferParsing: true,
    })) {
      batch.push(raw);
      if (batch.length < CHECK_BATCH) continue;
      inFlight.push(deps.checks.check(req.kind, batch));
      batch = [];
      if (inFlight.length >= CHECKS_IN_FLIGHT) {
        take(await inFlight.shift()!);
        await yieldToOthers();
      }
    }
    if (batch.length) inFlight.push(deps.checks.check(req.kind, batch));
    while (inFlight.length) {
      take(await inFlight.shift()!);
      await yieldToOthers();
    }
    flush();
  } catch (err) {
    // Settle what is still out before the stage goes, so that nothing writes after the discard.
    await Promise.allSettled(inFlight);
    await discardStage(deps, filingId, req.discard);
    throw err;
  }

  const applied = !(req.atomic && rejected > 0);
  // An atomic filing refused as a whole keeps its errors for the receipt but none of its records.
  if (!applied) {
    let removed: number;
    do {
      removed = 0;
      stageWithoutSync(db, () => {
        removed = req.discard(filingId, DISCARD_BATCH);
      });
    } while (removed === DISCARD_BATCH);
  }
  const counts = req.intake.counts();
  const signed = db
    .transaction(() => {
      if (applied) req.intake.publish(filingId);
      const receipt = signReceipt(keys, {
        filing_id: filingId,
        platform: req.platform.slug,
        kind: req.kind,
        received_at: receivedAt,
        body_sha256: req.body.sha256(),
        idempotency_key: req.idempotencyKey,
        atomic: req.atomic,
        applied,
        counts: applied
          ? { received, ...counts, rejected }
          : { received, created: 0, updated: 0, unchanged: 0, rejected },
        errors_sha256: errorDigest.digest(),
        warnings_sha256: warningDigest.digest(),
      });
      filings.insert(req.platform.id, receipt);
      filings.deleteStage(filingId);
      return receipt;
    })
    .immediate();

  const receipt: Receipt = { ...signed, errors: inlineErrors, warnings: inlineWarnings };
  const totalErrors = errorDigest.size;
  if (totalErrors > RECEIPT_ERRORS_INLINE || warningDigest.size > RECEIPT_ERRORS_INLINE) {
    receipt.errors_page = {
      offset: 0,
      limit: RECEIPT_ERRORS_INLINE,
      total: totalErrors,
      next:
        totalErrors > RECEIPT_ERRORS_INLINE
          ? `/v1/filings/${filingId}?errors_offset=${RECEIPT_ERRORS_INLINE}&errors_limit=${RECEIPT_ERRORS_INLINE}`
          : null,
    };
  }
  return { receipt, replayed: false };
}

/** At start: what filings cut off by a stop had staged is removed. */
export async function discardAbandonedStages(
  deps: Deps,
  discarders: Partial<Record<FilingKind, StageDiscarder>>,
) {
  for (const stage of deps.filings.allStages()) {
    const discard = discarders[stage.kind as FilingKind];
    if (discard) await discardStage(deps, stage.id, discard);
  }
}
