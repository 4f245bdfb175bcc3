import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { publicKeyId } from '../keys/keyring.ts';
import {
  copyFileHashed,
  eachLimited,
  foldersUnder,
  hashFile,
  isInside,
  isMissingOrEmpty,
  listDataFolder,
  syncFolder,
} from './files.ts';
import {
  type BackupManifest,
  BackupError,
  DATABASE_FILE,
  FORMAT,
  FORMAT_VERSION,
  GATEWAY_VERSION,
  KEY_FILES,
  MANIFEST_FILE,
  type ManifestFile,
} from './manifest.ts';
import { snapshotDatabase } from './snapshot.ts';

export interface BackupSummary {
  target: string;
  manifest: BackupManifest;
  bytes: number;
  /** Entries of the data folder that are neither files nor folders, left out. */
  skipped: string[];
  /** Files the snapshot refers to that the data folder did not have (lost before the backup). */
  missing: string[];
}

/** Files copied at once: enough to overlap their fsyncs, few enough to leave the gateway its disk. */
const COPIES_AT_ONCE = 4;

/**
 * Backs up the data folder `dataDir` into `target` (new or empty; made owner-only) while a gateway may
 * be running on it, and returns the manifest written last.
 *
 * Order is what makes the copy consistent. The database is taken first, as of one commit; the files
 * after it. Files are only ever added (content-addressed, never rewritten or removed), and the gateway
 * writes a file (renamed into place, fsynced) before it commits the row that names it. So every file a
 * row of the snapshot names was on disk before the snapshot, and the copy that follows finds it. Files
 * added after the snapshot are copied too, harmlessly: nothing in the backup refers to them yet.
 * Taking the files first would let a row committed in between name a file the backup does not have.
 */
export async function backupDataFolder(options: { dataDir: string; target: string }): Promise<BackupSummary> {
  const dataDir = path.resolve(options.dataDir);
  const target = path.resolve(options.target);
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE)))
    throw new BackupError(`${dataDir} has no ${DATABASE_FILE}: it is not a marketgate data folder`);
  for (const key of KEY_FILES)
    if (!fs.existsSync(path.join(dataDir, key)))
      throw new BackupError(
        `${path.join(dataDir, key)} is missing: a backup without the keys cannot be restored`,
      );
  if (isInside(target, dataDir))
    throw new BackupError(
      `the backup folder ${target} is inside the data folder ${dataDir}: choose one outside it`,
    );
  if (!isMissingOrEmpty(target))
    throw new BackupError(`${target} is not empty: a backup goes into a new or empty folder`);

  const created = !fs.existsSync(target);
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  // It will hold the keys: owner-only, whatever the folder was made with.
  fs.chmodSync(target, 0o700);
  try {
    return await writeBackup(dataDir, target);
  } catch (err) {
    // Nothing half-made is left behind: the folder was new or empty, everything in it is ours.
    if (created) fs.rmSync(target, { recursive: true, force: true });
    else
      for (const entry of fs.readdirSync(target))
        fs.rmSync(path.join(target, entry), { recursive: true, force: true });
    throw err;
  }
}

async function writeBackup(dataDir: string, target: string): Promise<BackupSummary> {
  const createdAt = new Date().toISOString();
  // 1. The database, as of one commit.
  const snapshot = await snapshotDatabase(
    path.join(dataDir, DATABASE_FILE),
    path.join(target, DATABASE_FILE),
  );

  // 2. Every other file, after it (see above for why in this order).
  const { files, skipped } = listDataFolder(dataDir);
  const entries: ManifestFile[] = [];
  await eachLimited(files, COPIES_AT_ONCE, async (file) => {
    const copied = await copyFileHashed(path.join(dataDir, file.path), path.join(target, file.path), 0o600);
    entries.push({ path: file.path, ...copied, mode: file.mode.toString(8).padStart(3, '0') });
  });
  const dbHash = await hashFile(path.join(target, DATABASE_FILE));
  entries.push({ path: DATABASE_FILE, ...dbHash, mode: '600' });
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const copiedPaths = new Set(entries.map((e) => e.path));
  const missing = snapshot.referencedFiles.filter((p) => !copiedPaths.has(p));
  const signingKey = fs.readFileSync(path.join(target, KEY_FILES[0]));
  const manifest: BackupManifest = {
    format: FORMAT,
    format_version: FORMAT_VERSION,
    created_at: createdAt,
    gateway_version: GATEWAY_VERSION,
    database: {
      path: DATABASE_FILE,
      size: dbHash.size,
      sha256: dbHash.sha256,
      schema_version: snapshot.schemaVersion,
    },
    receipt_key_id: publicKeyId(createPublicKey(createPrivateKey(signingKey))),
    audit_head: snapshot.auditHead,
    counts: snapshot.counts,
    files: entries,
  };

  // 3. The manifest, last, once every file and folder name is on disk: without it the backup is
  // visibly unfinished (restore refuses it).
  for (const folder of foldersUnder(target)) syncFolder(folder);
  const temporary = path.join(target, `${MANIFEST_FILE}.tmp`);
  fs.writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  const fd = fs.openSync(temporary, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, path.join(target, MANIFEST_FILE));
  syncFolder(target);
  return {
    target,
    manifest,
    bytes: entries.reduce((sum, e) => sum + e.size, 0),
    skipped,
    missing,
  };
}
