import type { Logger } from 'pino';
import type { Metrics } from '../http/metrics.ts';
import { DomainError } from '../errors.ts';
import { newId } from '../lib/ids.ts';
import { utcNow } from '../lib/dates.ts';
import type { BodyFormat, LimitedBody } from './body.ts';
import type { CheckPool } from './check-pool.ts';
import type { CheckedBatch } from './packed.ts';
import type { FilingOutcome } from './idempotency.ts';
import { kindSpec } from './kinds.ts';
import type { FilingKind, Receipt } from './receipt.ts';
import { ndjsonBatches, type RawRecord, readRecords } from './sources.ts';
import type { FilingsStore } from './store.ts';
import { type FinishedFiling, RECEIPT_ERRORS_INLINE } from './writer.ts';
import type { Writer } from './writer-client.ts';

export interface StreamedRequest {
  platform: { id: number; slug: string };
  kind: FilingKind;
  format: BodyFormat;
  body: LimitedBody;
  idempotencyKey: string | null;
  atomic: boolean;
}

interface Deps {
  filings: FilingsStore;
  checks: CheckPool;
  writer: Writer;
  logger: Logger;
  /** Counts each filing's outcome and its records (GET /metrics). */
  metrics?: Pick<Metrics, 'filing'>;
}

// Records sent to a check worker at once, and batches in flight to the check workers and to the writer:
// enough to keep both threads busy while the main thread reads the body, few enough to bound memory.
const CHECK_BATCH = 500;
const CHECKS_IN_FLIGHT = 8;
const TAKES_IN_FLIGHT = 4;

// One streamed filing per platform at a time, so that each sees what the previous one published and an
// Idempotency-Key is decided once; other platforms' filings interleave freely.
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
 * Lets the event loop serve other requests. A body that arrives faster than it is taken in keeps every
 * await of the loop below resolving at once, as microtasks, and I/O would wait until the filing ends.
 */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A promise awaited later, in its turn: its failure is answered then. Until then it must not count as
 * unhandled, or Node ends the process when a batch behind the one awaited fails first (the check of a
 * later batch, or its take: with ClickHouse, its look-up).
 */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

async function* inBatches(records: AsyncIterable<RawRecord>, size: number): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  for await (const raw of records) {
    batch.push(raw);
    if (batch.length < size) continue;
    yield batch;
    batch = [];
  }
  if (batch.length) yield batch;
}

export async function runStreamedFiling(deps: Deps, req: StreamedRequest): Promise<FilingOutcome> {
  try {
    const outcome = await serialized(`platform:${req.platform.id}`, () => {
      // A client that went away while its filing waited for the platform's previous one: nobody is
      // there to take a receipt, so the filing is abandoned before it touches anything.
      if (req.body.gone()) throw goneError();
      return streamFiling(deps, req);
    });
    const { receipt, replayed } = outcome;
    const { received: _, ...counts } = receipt.counts;
    if (replayed) deps.metrics?.filing(req.kind, 'replayed');
    else deps.metrics?.filing(req.kind, receipt.applied ? 'applied' : 'not_applied', counts);
    return outcome;
  } catch (err) {
    const code = err instanceof DomainError ? err.code : undefined;
    deps.metrics?.filing(req.kind, code ?? 'failed');
    if (code === 'filing_abandoned' || code === 'body_incomplete')
      deps.logger[code === 'filing_abandoned' ? 'warn' : 'info'](
        { platform: req.platform.slug, kind: req.kind, bytes: req.body.bytes(), code },
        code === 'filing_abandoned'
          ? 'filing abandoned: its client sent nothing'
          : 'filing abandoned: its client went away',
      );
    throw err;
  }
}

const goneError = () =>
  new DomainError('body_incomplete', 'the connection closed before the filing started; nothing was filed');

/**
 * The main thread's part of a streamed filing: it reads the body and splits it into records, sends
 * them in batches to the check workers, passes their results on to the writer in body order, and builds
 * the response from what the writer published. It never writes to the database itself.
 */
async function streamFiling(deps: Deps, req: StreamedRequest): Promise<FilingOutcome> {
  const { filings, writer } = deps;
  if (req.idempotencyKey) {
    const previous = filings.byIdempotencyKey(req.platform.id, req.idempotencyKey, RECEIPT_ERRORS_INLINE);
    if (previous) {
      for await (const _ of req.body.chunks);
      if (previous.bodySha256 !== req.body.sha256()) {
        throw new DomainError(
          'idempotency_key_reused',
          `this Idempotency-Key was used for filing ${previous.receipt.filing_id} with another body; use a new key for new data`,
          { filing_id: previous.receipt.filing_id },
        );
      }
      return { receipt: previous.receipt, replayed: true };
    }
  }

  const filingId = newId();
  await writer.begin({
    filingId,
    kind: req.kind,
    platform: req.platform,
    receivedAt: utcNow(),
    idempotencyKey: req.idempotencyKey,
  });
  const checks: Promise<CheckedBatch>[] = [];
  const takes: Promise<void>[] = [];
  // The oldest checked batch goes to the writer; the writer answers in order.
  const passOn = async () => {
    takes.push(awaitedLater(writer.take(filingId, await checks.shift()!)));
    if (takes.length >= TAKES_IN_FLIGHT) await takes.shift();
    await yieldToOthers();
  };
  let finished: FinishedFiling;
  try {
    // NDJSON lines go to the workers unparsed, a batch in one buffer: JSON.parse is theirs too, not
    // the main thread's.
    const source = kindSpec(req.kind).source;
    const batches =
      req.format === 'ndjson'
        ? ndjsonBatches(req.body.chunks, source, CHECK_BATCH)
        : inBatches(readRecords(req.format, req.body.chunks, source), CHECK_BATCH);
    for await (const batch of batches) {
      checks.push(awaitedLater(deps.checks.check(req.kind, batch)));
      if (checks.length >= CHECKS_IN_FLIGHT) await passOn();
    }
    while (checks.length) await passOn();
    await Promise.all(takes.splice(0));
    finished = await writer.finish(filingId, { bodySha256: req.body.sha256(), atomic: req.atomic });
  } catch (err) {
    // Settle what is still out before the stage goes, so that nothing is written after the discard.
    await Promise.allSettled([...checks, ...takes]);
    // The filing's own error is the answer; a discard that fails too must not hide it (what it leaves
    // staged, the sweep of cut-off filings removes: at the next start, or the next filing's begin).
    await writer
      .discard(filingId)
      .catch((discardErr: unknown) =>
        deps.logger.error(
          { err: discardErr, filing: filingId, cause: String(err) },
          "removing a failed filing's staged records failed",
        ),
      );
    throw err;
  }

  const receipt: Receipt = { ...finished.signed, errors: finished.errors, warnings: finished.warnings };
  if (finished.errorTotal > RECEIPT_ERRORS_INLINE || finished.warningTotal > RECEIPT_ERRORS_INLINE) {
    receipt.errors_page = {
      offset: 0,
      limit: RECEIPT_ERRORS_INLINE,
      total: finished.errorTotal,
      next:
        finished.errorTotal > RECEIPT_ERRORS_INLINE
          ? `/v1/filings/${filingId}?errors_offset=${RECEIPT_ERRORS_INLINE}&errors_limit=${RECEIPT_ERRORS_INLINE}`
          : null,
    };
  }
  return { receipt, replayed: false };
}
