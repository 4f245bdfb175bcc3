import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from './manifest.ts';

/** The live database and its WAL companions: the backup takes them through SQLite's backup API instead. */
const LIVE_DATABASE = new Set([
  DATABASE_FILE,
  `${DATABASE_FILE}-wal`,
  `${DATABASE_FILE}-shm`,
  `${DATABASE_FILE}-journal`,
]);

export interface DataFile {
  /** Relative to the data folder, with `/`. */
  path: string;
  mode: number;
}

export interface DataFolderListing {
  files: DataFile[];
  /** Entries that are neither files nor folders (sockets, broken links): not copied, named in the summary. */
  skipped: string[];
}

/**
 * Every file the gateway keeps in its data folder besides the live database: keys/, evidence/,
 * complaint-files/, demo-credentials.json and whatever else is there, so that a file a later version
 * adds is not forgotten. Left out: the live database files, and `*.tmp`, evidence being written (it is
 * renamed into place, fsynced, before any row refers to it: crawlers/evidence.ts). Links are followed,
 * as the gateway follows them (an evidence folder on another disk is backed up), and copied as what
 * they point to.
 */
export function listDataFolder(dataDir: string): DataFolderListing {
  const files: DataFile[] = [];
  const skipped: string[] = [];
  const visited = new Set<string>();
  const walk = (relative: string) => {
    const dir = path.join(dataDir, relative);
    const real = fs.realpathSync(dir);
    // A link back up the tree would make the walk endless.
    if (visited.has(real)) return void skipped.push(relative);
    visited.add(real);
    for (const name of fs.readdirSync(dir)) {
      const rel = relative ? `${relative}/${name}` : name;
      if (!relative && LIVE_DATABASE.has(name)) continue;
      if (name.endsWith('.tmp')) continue;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(path.join(dataDir, rel));
      } catch (err) {
        // Gone since the listing (only temporary files are ever removed), or a broken link.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        if (fs.lstatSync(path.join(dataDir, rel), { throwIfNoEntry: false })) skipped.push(rel);
        continue;
      }
      if (stat.isDirectory()) walk(rel);
      else if (stat.isFile()) files.push({ path: rel, mode: stat.mode & 0o777 });
      else skipped.push(rel);
    }
  };
  walk('');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}

/** SHA-256 (hex) and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Copies `from` to a new file `to` (never over an existing one) with `mode`, hashing the bytes it
 * writes, and fsyncs it: a backup or a restore that says it finished must survive a power cut.
 * A real copy, never a hard link: a link shares the bytes that the backup is meant to outlive.
 */
export async function copyFileHashed(
  from: string,
  to: string,
  mode: number,
): Promise<{ sha256: string; size: number }> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  const hash = createHash('sha256');
  let size = 0;
  const out = await fs.promises.open(to, 'wx', mode);
  try {
    for await (const chunk of fs.createReadStream(from, { highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
      await out.write(chunk as Buffer);
    }
    // The umask may have taken bits away from `mode`; what was asked for is what the file gets.
    await out.chmod(mode);
    await out.sync();
  } finally {
    await out.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/** fsyncs a folder, so that the names of the files just created in it survive a power cut. */
export function syncFolder(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every folder under `dir` (itself included), deepest first. */
export function foldersUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(path.join(d, e.name));
    out.push(d);
  };
  walk(dir);
  return out;
}

/** Runs `work` on every item, `limit` at a time; the first failure rejects once all started ones end. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
}

/** Whether `dir` is missing or an empty folder; throws when it is a file. */
export function isMissingOrEmpty(dir: string): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  return entries.length === 0;
}

/** Whether `inner` is `outer` or inside it (both resolved, links in existing parts followed). */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(realPathOfExisting(outer), realPathOfExisting(inner));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realPathOfExisting(p: string): string {
  const absolute = path.resolve(p);
  const rest: string[] = [];
  let head = absolute;
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...rest);
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return absolute;
      rest.unshift(path.basename(head));
      head = parent;
    }
  }
}
