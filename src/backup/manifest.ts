import fs from 'node:fs';
import path from 'node:path';

/**
 * manifest.json: what a backup holds, written last so that a backup without it is visibly unfinished.
 * Its hashes show a damaged or changed file; they do not prove who made the backup (whoever can write
 * the backup can write a new manifest), so a backup is kept where only its operator writes.
 */
export const MANIFEST_FILE = 'manifest.json';
export const FORMAT = 'marketgate-backup';
export const FORMAT_VERSION = 1;
/** The database file in the data folder and in a backup (src/db/database.ts). */
export const DATABASE_FILE = 'marketgate.db';
/**
 * Left by a restore in the data folder it made: a gateway with orders in ClickHouse then removes there
 * what the restored gateway does not have, and this file (decision 0021).
 */
export const RESTORED_MARKER = 'restored-from-backup.json';
/** Without these the restored gateway cannot sign, check receipts or read personal data (keys/keyring.ts). */
export const KEY_FILES = ['keys/receipt-signing.pem', 'keys/data.key'] as const;

/** One file of the backup: its path relative to the data folder (with `/`), its size, hash and mode. */
export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
  /** Permission bits as in the data folder, octal (`600`): restored as they were. */
  mode: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  format_version: number;
  created_at: string;
  gateway_version: string;
  database: { path: string; size: number; sha256: string; schema_version: number };
  /** The id of the receipt-signing key (as receipts carry it in key_id). */
  receipt_key_id: string;
  audit_head: { seq: number; hash: string };
  counts: BackupCounts;
  /** Every file, the database and the keys included, by path. */
  files: ManifestFile[];
}

export interface BackupCounts {
  filings: number;
  /** Filings that were streaming in when the snapshot was taken: the restored gateway discards them. */
  filings_in_progress: number;
  seller_versions: number;
  transaction_versions: number;
  verifications: number;
  evidence_files: number;
  complaints: number;
  complaint_files: number;
  audit_entries: number;
}

/** What backup and restore refuse with: the message says what is wrong and where. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const manifestJson = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
export const GATEWAY_VERSION = manifestJson.version;

const SHA256 = /^[0-9a-f]{64}$/;
const MODE = /^[0-7]{3}$/;

/**
 * Whether a manifest path stays inside the folder it is restored into: relative, `/`-separated, no
 * `.`/`..` segment, no empty segment. A crafted manifest must not write outside the new data folder.
 */
export function isSafeRelativePath(p: string): boolean {
  if (p.length === 0 || p.length > 1024 || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Reads and checks `<dir>/manifest.json`; throws a BackupError naming what is wrong. */
export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(
        `${dir} has no ${MANIFEST_FILE}: it is not a marketgate backup, or one that did not finish`,
      );
    throw err;
  }
  let m: BackupManifest;
  try {
    m = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupError(`${file} is not valid JSON: the backup is damaged`);
  }
  const bad = (why: string) => new BackupError(`${file}: ${why}`);
  if (m?.format !== FORMAT)
    throw bad(`not a marketgate backup manifest (format ${JSON.stringify(m?.format)})`);
  if (m.format_version !== FORMAT_VERSION)
    throw bad(
      `format version ${m.format_version} is not the one this marketgate (${GATEWAY_VERSION}) reads (${FORMAT_VERSION}): use the marketgate that made the backup (${m.gateway_version})`,
    );
  if (!Array.isArray(m.files)) throw bad('no list of files');
  const seen = new Set<string>();
  for (const f of m.files) {
    if (typeof f?.path !== 'string' || !isSafeRelativePath(f.path))
      throw bad(`file path ${JSON.stringify(f?.path)} is not a plain relative path`);
    if (seen.has(f.path)) throw bad(`${f.path} is listed twice`);
    seen.add(f.path);
    if (!Number.isSafeInteger(f.size) || f.size < 0) throw bad(`${f.path} has no valid size`);
    if (typeof f.sha256 !== 'string' || !SHA256.test(f.sha256)) throw bad(`${f.path} has no valid sha256`);
    if (typeof f.mode !== 'string' || !MODE.test(f.mode)) throw bad(`${f.path} has no valid mode`);
  }
  for (const required of [DATABASE_FILE, ...KEY_FILES])
    if (!seen.has(required)) throw bad(`${required} is not in the backup: it cannot be restored without it`);
  const db = m.files.find((f) => f.path === DATABASE_FILE)!;
  if (m.database?.sha256 !== db.sha256) throw bad(`the database's sha256 differs from its file entry`);
  return m;
}
