import fs from 'node:fs';
import Database from 'better-sqlite3';
import { auditLog, type ChainCheck, GENESIS_HASH } from '../audit/log.ts';
import { verifyReceipt } from '../filings/receipt.ts';
import { BackupError, type BackupCounts } from './manifest.ts';

/** What the snapshot holds, for the manifest, and the files its rows refer to. */
export interface Snapshot {
  schemaVersion: number;
  counts: BackupCounts;
  auditHead: { seq: number; hash: string };
  /**
   * Paths (relative to the data folder) of the files the snapshot refers to: evidence, complaint files,
   * lead files and assistance answers.
   */
  referencedFiles: string[];
}

/** Asked of better-sqlite3's progress callback: the rest of the pages, all in the next step. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the live database at `source` into the new file `target` with SQLite's online backup API,
 * while the gateway keeps writing to it from its own connections (and processes).
 *
 * The copy is taken in one backup step: one read transaction, so it is the database as of one commit.
 * Copied in small steps, every commit of another connection between two steps would restart the copy,
 * and a busy gateway could keep it from ever finishing. In WAL mode the one long read blocks no writer
 * (only a checkpoint waits for it); it blocks this process's event loop, which has nothing else to do.
 * A filing streaming in at that moment is in the copy as staged rows without a filings row: what a
 * crash at that moment leaves, which the restored gateway discards at start (decision 0004).
 *
 * The copy is then switched to a rollback journal, so that it is one self-contained file, checked
 * (quick_check) and counted.
 */
export async function snapshotDatabase(source: string, target: string): Promise<Snapshot> {
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(target, { progress: () => ALL_PAGES });
  } finally {
    live.close();
  }
  fs.chmodSync(target, 0o600);
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new BackupError(`the database copy fails SQLite's quick_check: ${String(check)}`);
    return describe(copy);
  } finally {
    copy.close();
  }
}

function describe(db: Database.Database): Snapshot {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  // Versions of filings still streaming in are invisible and will be discarded: they are not counted.
  const staged = (table: string) =>
    count(`SELECT count(*) FROM ${table} WHERE filing_id IN (SELECT id FROM filing_stages)`);
  const counts: BackupCounts = {
    filings: count('SELECT count(*) FROM filings'),
    filings_in_progress: count('SELECT count(*) FROM filing_stages'),
    seller_versions: count('SELECT count(*) FROM seller_versions') - staged('seller_versions'),
    transaction_versions:
      count('SELECT count(*) FROM transaction_versions') -
      count(`SELECT count(*) FROM transaction_versions WHERE filing IN
        (SELECT key FROM transaction_filings WHERE id IN (SELECT id FROM filing_stages))`),
    verifications: count('SELECT count(*) FROM verifications'),
    evidence_files: count('SELECT count(DISTINCT sha256) FROM verification_evidence'),
    complaints: count('SELECT count(*) FROM complaints'),
    complaint_files: count('SELECT count(DISTINCT sha256) FROM complaint_files'),
    audit_entries: count('SELECT count(*) FROM audit_log'),
  };
  const head = db
    .prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    .get();
  const referencedFiles: string[] = [];
  // Stored as <folder>/<first two hex digits>/<sha256> (crawlers/evidence.ts DirectoryEvidenceStore).
  for (const [folder, table] of [
    ['evidence', 'verification_evidence'],
    ['complaint-files', 'complaint_files'],
    ['lead-files', 'lead_files'],
    ['assistance-files', 'assistance_answers'],
  ] as const) {
    for (const sha of db
      .prepare(`SELECT DISTINCT sha256 FROM ${table}`)
      .pluck()
      .iterate() as Iterable<string>)
      referencedFiles.push(`${folder}/${sha.slice(0, 2)}/${sha}`);
  }
  return {
    schemaVersion: count('SELECT coalesce(max(version), 0) FROM schema_migrations'),
    counts,
    auditHead: head ?? { seq: 0, hash: GENESIS_HASH },
    referencedFiles,
  };
}

/** What restore finds in the restored database before it hands it over. */
export interface RestoredDatabaseCheck {
  schemaVersion: number;
  filings: number;
  /** Filings whose stored receipt does not verify with the restored key (the first 10 ids). */
  invalidReceipts: string[];
  invalidReceiptCount: number;
  audit: ChainCheck;
}

/**
 * Checks a restored database: PRAGMA integrity_check (a refusal when it fails: the gateway could not
 * use it), then every filing's signed receipt against the restored receipt key and the audit log's
 * hash chain (reported: the data is what was backed up, and the operator needs it either way).
 */
export function checkRestoredDatabase(file: string, publicKeyPem: string): RestoredDatabaseCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const first = problems[0]?.integrity_check;
    if (problems.length !== 1 || first !== 'ok')
      throw new BackupError(
        `the restored database fails SQLite's integrity_check: ${problems
          .slice(0, 3)
          .map((p) => p.integrity_check)
          .join('; ')}`,
      );
    const invalidReceipts: string[] = [];
    let invalidReceiptCount = 0;
    let filings = 0;
    const rows = db.prepare<[], { id: string; receipt: string }>(
      'SELECT id, receipt FROM filings ORDER BY id',
    );
    for (const row of rows.iterate()) {
      filings++;
      let valid = false;
      try {
        valid = verifyReceipt(JSON.parse(row.receipt), publicKeyPem).valid;
      } catch {}
      if (!valid && invalidReceiptCount++ < 10) invalidReceipts.push(row.id);
    }
    return {
      schemaVersion: db
        .prepare('SELECT coalesce(max(version), 0) FROM schema_migrations')
        .pluck()
        .get() as number,
      filings,
      invalidReceipts,
      invalidReceiptCount,
      audit: auditLog(db).verify(),
    };
  } finally {
    db.close();
  }
}
