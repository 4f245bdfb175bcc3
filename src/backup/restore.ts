import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
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
  syncFolder,
} from './files.ts';
import {
  type BackupManifest,
  BackupError,
  DATABASE_FILE,
  KEY_FILES,
  readManifest,
  RESTORED_MARKER,
} from './manifest.ts';
import { checkRestoredDatabase, type RestoredDatabaseCheck } from './snapshot.ts';

export interface RestoreSummary {
  dataDir: string;
  manifest: BackupManifest;
  files: number;
  bytes: number;
  receiptKeyId: string;
  database: RestoredDatabaseCheck;
}

const CHECKS_AT_ONCE = 4;

/**
 * Checks a backup against its manifest without writing anything: every listed file must be there,
 * a plain file, of its size and hash. Throws a BackupError naming the first file that is not.
 */
export async function checkBackup(backupDir: string): Promise<BackupManifest> {
  const dir = path.resolve(backupDir);
  const manifest = readManifest(dir);
  const failures = new Map<string, string>();
  await eachLimited(manifest.files, CHECKS_AT_ONCE, async (f) => {
    const file = path.join(dir, f.path);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return void failures.set(f.path, `${f.path} is missing from the backup`);
    }
    if (!stat.isFile()) return void failures.set(f.path, `${f.path} in the backup is not a plain file`);
    if (stat.size !== f.size)
      return void failures.set(f.path, `${f.path} is ${stat.size} bytes, the manifest says ${f.size}`);
    const { sha256 } = await hashFile(file);
    if (sha256 !== f.sha256)
      failures.set(f.path, `${f.path} does not match its sha256 in the manifest (it has ${sha256})`);
  });
  // The first failure in the manifest's order, whichever lane found it first.
  const first = manifest.files.find((f) => failures.has(f.path));
  if (first)
    throw new BackupError(
      `the backup in ${dir} is damaged: ${failures.get(first.path)}${failures.size > 1 ? ` (and ${failures.size - 1} more)` : ''}; nothing was restored`,
    );
  return manifest;
}

/**
 * Restores the backup in `backupDir` as the new data folder `dataDir` (missing or empty), for a gateway
 * that is not running on it yet:
 * 1. checks every file against the manifest (nothing is written when one fails);
 * 2. copies the files into a new folder beside `dataDir`, hashing them again as they are written, with
 *    the permissions they had (owner-only keys: the gateway refuses keys others can read), folders 0700;
 * 3. runs integrity_check on the restored database, then checks every receipt's signature with the
 *    restored key and the audit log's chain (reported in the summary);
 * 4. renames that folder to `dataDir`, so that a restore cut off halfway never leaves a half-restored
 *    data folder a gateway could start on.
 */
export async function restoreBackup(options: {
  backupDir: string;
  dataDir: string;
}): Promise<RestoreSummary> {
  const backupDir = path.resolve(options.backupDir);
  const dataDir = path.resolve(options.dataDir);
  if (isInside(dataDir, backupDir) || isInside(backupDir, dataDir))
    throw new BackupError(
      `restore into a data folder outside the backup (${backupDir}), not into or around it`,
    );
  if (!isMissingOrEmpty(dataDir))
    throw new BackupError(`${dataDir} is not empty: restore into a new or empty data folder`);
  const manifest = await checkBackup(backupDir);

  const parent = path.dirname(dataDir);
  fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
  const staging = path.join(parent, `.${path.basename(dataDir)}.restoring-${randomBytes(6).toString('hex')}`);
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    let bytes = 0;
    await eachLimited(manifest.files, CHECKS_AT_ONCE, async (f) => {
      const copied = await copyFileHashed(
        path.join(backupDir, f.path),
        path.join(staging, f.path),
        Number.parseInt(f.mode, 8),
      );
      // Checked a moment ago; a file that changed since is not restored half-checked.
      if (copied.sha256 !== f.sha256)
        throw new BackupError(
          `${f.path} changed in the backup while it was being restored; nothing was restored`,
        );
      bytes += copied.size;
    });
    for (const folder of foldersUnder(staging)) fs.chmodSync(folder, 0o700);

    const signing = fs.readFileSync(path.join(staging, KEY_FILES[0]));
    const publicKey = createPublicKey(createPrivateKey(signing));
    const database = checkRestoredDatabase(
      path.join(staging, DATABASE_FILE),
      publicKey.export({ type: 'spki', format: 'pem' }) as string,
    );
    fs.writeFileSync(
      path.join(staging, RESTORED_MARKER),
      `${JSON.stringify({ restored_at: new Date().toISOString(), backup_created_at: manifest.created_at })}\n`,
      { mode: 0o600 },
    );
    for (const folder of foldersUnder(staging)) syncFolder(folder);
    // rename(2) puts a folder in place of an empty one at once.
    try {
      fs.renameSync(staging, dataDir);
    } catch (err) {
      throw new BackupError(
        `the restored folder could not take the place of ${dataDir} (${(err as NodeJS.ErrnoException).code}): restore into a new folder beside it instead`,
      );
    }
    syncFolder(parent);
    return {
      dataDir,
      manifest,
      files: manifest.files.length,
      bytes,
      receiptKeyId: publicKeyId(publicKey),
      database,
    };
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
