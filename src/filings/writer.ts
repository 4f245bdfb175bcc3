import type { Db } from '../db/database.ts';
import type { Keyring } from '../keys/keyring.ts';
import { kindSpec } from './kinds.ts';
import {
  type FilingKind,
  ListDigest,
  type RecordError,
  type SignedReceiptPart,
  signReceipt,
} from './receipt.ts';
import type { FilingsStore } from './store.ts';
import type { Checked, StageDiscarder, StreamedIntake } from './intake.ts';

// Records staged per transaction: small enough that the WAL stays small and a discard is quick.
const STAGE_BATCH = 1000;
// Errors a receipt carries in the response itself; the rest are paged from GET /v1/filings/{id}.
export const RECEIPT_ERRORS_INLINE = 1000;
const DISCARD_BATCH = 5000;
/**
 * Errors (and warnings) a filing keeps in full, in body order; past them each is only counted by its
 * code. 200,000 empty records in a 1.4 MB body once stored 1,000,000 error rows (111 MB): what one
 * filing can make the gateway store must not be a multiple of what it sent.
 */
export const PROBLEMS_KEPT = 10_000;

export interface BeginFiling {
  filingId: string;
  kind: FilingKind;
  platform: { id: number; slug: string };
  receivedAt: string;
  idempotencyKey: string | null;
}

export interface FinishedFiling {
  signed: SignedReceiptPart;
  errors: RecordError[];
  warnings: RecordError[];
  errorTotal: number;
  warningTotal: number;
}

interface OpenFiling extends BeginFiling {
  intake: StreamedIntake;
  discard: StageDiscarder;
  errorDigest: ListDigest;
  warningDigest: ListDigest;
  inlineErrors: RecordError[];
  inlineWarnings: RecordError[];
  pendingErrors: RecordError[];
  pendingWarnings: RecordError[];
  received: number;
  rejected: number;
  errorsByCode: Record<string, number>;
  warningsByCode: Record<string, number>;
  errorsFound: number;
  warningsFound: number;
}

export interface WriterContext<Stores> {
  db: Db;
  keys: Keyring;
  filings: FilingsStore;
  stores: Stores;
}

/**
 * The writing half of a streamed filing (docs/decisions/0004 and 0005): takes checked records in
 * against what is filed, stages them in small transactions, and publishes the filing with its signed
 * receipt. It owns the database connection it writes with; in the gateway it runs on its own thread
 * (writer-worker.ts), so that the main thread stays free to answer requests.
 */
export class FilingWriter<Stores> {
  private readonly open = new Map<string, OpenFiling>();

  constructor(private readonly ctx: WriterContext<Stores>) {}

  /**
   * Staging rows need no fsync: if they are lost, so is the filing, which has no receipt yet. The
   * publishing commit runs with synchronous=FULL, and in WAL mode its fsync covers every earlier frame.
   */
  private withoutSync(write: () => void): void {
    this.ctx.db.pragma('synchronous = NORMAL');
    try {
      this.ctx.db.transaction(write).immediate();
    } finally {
      this.ctx.db.pragma('synchronous = FULL');
    }
  }

  private discarder(kind: FilingKind): StageDiscarder {
    return kindSpec<Stores>(kind).discard(this.ctx.stores);
  }

  /** Deletes what an unpublished filing staged, in batches, then its problems and stage row. */
  discard(filingId: string, kind?: FilingKind): void {
    while (!this.discardBatch(filingId, kind));
  }

  /**
   * Deletes one batch of what an unpublished filing staged; true once nothing is left (its problems and
   * stage row gone too). Called a batch at a time, other filings' calls run between the batches.
   */
  discardBatch(filingId: string, kind?: FilingKind): boolean {
    const known =
      kind ??
      this.open.get(filingId)?.kind ??
      this.ctx.filings.allStages().find((s) => s.id === filingId)?.kind;
    this.open.delete(filingId);
    if (!known) return true;
    const discard = this.discarder(known as FilingKind);
    let removed = 0;
    this.withoutSync(() => {
      removed = discard(filingId, DISCARD_BATCH);
      if (removed < DISCARD_BATCH) {
        this.ctx.filings.deleteProblems(filingId);
        this.ctx.filings.deleteStage(filingId);
      }
    });
    return removed < DISCARD_BATCH;
  }

  /**
   * At start: the filings a stop cut off. What they staged is invisible to every reader (only a
   * published filing's rows are seen), so it is removed in the background, a batch at a time.
   */
  abandonedStages(): { id: string; kind: FilingKind }[] {
    return this.ctx.filings
      .allStages()
      .filter((s) => !this.open.has(s.id))
      .map((s) => ({ id: s.id, kind: s.kind as FilingKind }));
  }

  begin(args: BeginFiling): void {
    if (args.idempotencyKey) {
      // An earlier attempt with this key was cut off: what it staged goes, and this one starts afresh.
      for (const stale of this.ctx.filings.stagesByKey(args.platform.id, args.idempotencyKey)) {
        this.discard(stale, args.kind);
      }
    }
    this.ctx.filings.insertStage({
      id: args.filingId,
      platform_id: args.platform.id,
      kind: args.kind,
      idempotency_key: args.idempotencyKey,
      started_at: args.receivedAt,
    });
    this.open.set(args.filingId, {
      ...args,
      intake: kindSpec<Stores>(args.kind).intake(this.ctx.stores, args.platform.id),
      discard: this.discarder(args.kind),
      errorDigest: new ListDigest(),
      warningDigest: new ListDigest(),
      inlineErrors: [],
      inlineWarnings: [],
      pendingErrors: [],
      pendingWarnings: [],
      received: 0,
      rejected: 0,
      errorsByCode: {},
      warningsByCode: {},
      errorsFound: 0,
      warningsFound: 0,
    });
  }

  private filing(filingId: string): OpenFiling {
    const f = this.open.get(filingId);
    if (!f) throw new Error(`filing ${filingId} is not open`);
    return f;
  }

  private flush(f: OpenFiling): void {
    const errorsFrom = f.errorDigest.size - f.pendingErrors.length;
    const warningsFrom = f.warningDigest.size - f.pendingWarnings.length;
    this.withoutSync(() => {
      f.intake.stage(f.filingId, f.receivedAt);
      this.ctx.filings.insertProblems(f.filingId, 'error', f.pendingErrors, errorsFrom);
      this.ctx.filings.insertProblems(f.filingId, 'warning', f.pendingWarnings, warningsFrom);
    });
    f.pendingErrors = [];
    f.pendingWarnings = [];
  }

  /**
   * Takes a batch when its kind has what it needs from outside the database (StreamedIntake.prepare),
   * in the order the batches were given: a batch's preparation starts at once, beside the admission of
   * those before it, and its records are admitted after theirs.
   */
  takeInOrder(filingId: string, results: Checked<unknown>[]): Promise<void> {
    const f = this.filing(filingId);
    const ready = f.intake.prepare?.(results);
    // Awaited in its turn; a failure before then must not count as unhandled (it would end the thread).
    ready?.catch(() => {});
    const turn = this.queue.then(async () => {
      await ready;
      this.take(filingId, results);
    });
    this.queue = turn.catch(() => {});
    return turn;
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** Takes a batch of checked records, in body order. */
  take(filingId: string, results: Checked<unknown>[]): void {
    const f = this.filing(filingId);
    for (const checked of results) {
      f.received++;
      let errors: RecordError[];
      let warnings: RecordError[];
      if (checked.ok) {
        const admitted = f.intake.admit(checked, filingId);
        errors = admitted.errors;
        warnings = [...checked.warnings, ...admitted.warnings];
      } else {
        errors = checked.errors;
        warnings = [];
      }
      if (errors.length) f.rejected++;
      for (const e of errors) {
        f.errorsFound++;
        f.errorsByCode[e.code] = (f.errorsByCode[e.code] ?? 0) + 1;
        if (f.errorDigest.size >= PROBLEMS_KEPT) continue;
        f.errorDigest.add(e);
        f.pendingErrors.push(e);
        if (f.inlineErrors.length < RECEIPT_ERRORS_INLINE) f.inlineErrors.push(e);
      }
      for (const w of warnings) {
        f.warningsFound++;
        f.warningsByCode[w.code] = (f.warningsByCode[w.code] ?? 0) + 1;
        if (f.warningDigest.size >= PROBLEMS_KEPT) continue;
        f.warningDigest.add(w);
        f.pendingWarnings.push(w);
        if (f.inlineWarnings.length < RECEIPT_ERRORS_INLINE) f.inlineWarnings.push(w);
      }
      if (f.intake.pending() + f.pendingErrors.length + f.pendingWarnings.length >= STAGE_BATCH)
        this.flush(f);
    }
  }

  /** Publishes the filing: one transaction with the kind's publishing, the signed receipt and the filing row. */
  finish(filingId: string, args: { bodySha256: string; atomic: boolean }): FinishedFiling {
    const f = this.filing(filingId);
    this.flush(f);
    const applied = !(args.atomic && f.rejected > 0);
    // An atomic filing refused as a whole keeps its errors for the receipt but none of its records.
    if (!applied) {
      let removed: number;
      do {
        removed = 0;
        this.withoutSync(() => {
          removed = f.discard(filingId, DISCARD_BATCH);
        });
      } while (removed === DISCARD_BATCH);
    }
    const counts = f.intake.counts();
    const signed = this.ctx.db
      .transaction(() => {
        if (applied) f.intake.publish(filingId);
        const receipt = signReceipt(this.ctx.keys, {
          filing_id: filingId,
          platform: f.platform.slug,
          kind: f.kind,
          received_at: f.receivedAt,
          body_sha256: args.bodySha256,
          idempotency_key: f.idempotencyKey,
          atomic: args.atomic,
          applied,
          counts: applied
            ? { received: f.received, ...counts, rejected: f.rejected }
            : { received: f.received, created: 0, updated: 0, unchanged: 0, rejected: f.rejected },
          errors_sha256: f.errorDigest.digest(),
          warnings_sha256: f.warningDigest.digest(),
          problems: {
            kept_limit: PROBLEMS_KEPT,
            errors: { total: f.errorsFound, kept: f.errorDigest.size, by_code: sortedCounts(f.errorsByCode) },
            warnings: {
              total: f.warningsFound,
              kept: f.warningDigest.size,
              by_code: sortedCounts(f.warningsByCode),
            },
          },
        });
        this.ctx.filings.insert(f.platform.id, receipt);
        this.ctx.filings.deleteStage(filingId);
        return receipt;
      })
      .immediate();
    this.open.delete(filingId);
    return {
      signed,
      errors: f.inlineErrors,
      warnings: f.inlineWarnings,
      errorTotal: f.errorDigest.size,
      warningTotal: f.warningDigest.size,
    };
  }
}

const sortedCounts = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
