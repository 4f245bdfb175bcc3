/**
 * Builds one day of open data: for every dataset of the dictionary its full snapshot at the end of the
 * day and its changes since the previous published day, each as gzip CSV and as Parquet, then the
 * manifest (with the corrections of what earlier days published) and SHA256SUMS, published whole or
 * not at all (day.ts). Every dataset reads one snapshot of the database (store.ts), and each file is
 * written from its query as it streams: nothing holds a dataset in memory. Built again from the same
 * records (and the same previous day), every data file is the same to the byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Keyring } from '../keys/keyring.ts';
import { chinaToday } from '../lib/dates.ts';
import { OpenDataError, isCalendarDate } from './columns.ts';
import { type ChangeCounts, changedRows, noChanges, readCsvGzip, typedRows } from './changes.ts';
import { type Dataset, checkAllowedValues, datasets } from './datasets.ts';
import { DayBuild, listPublishedDays } from './day.ts';
import { changesColumns } from './dictionary.ts';
import { type Correction, type DayManifest, MANIFEST_FILE, dataFileName } from './manifest.ts';
import { openDataDirOf } from './paths.ts';
import { type DayParams, type OpenDataStore, openDataStore } from './store.ts';

export interface OpenDataSource {
  /** The gateway's data folder: its database is read, its open-data folder written. */
  dataDir: string;
  /** The gateway's keyring: consumers' names are opened to scrub them from their narratives. */
  keys: Keyring;
}

export interface BuildOptions {
  /** @default now: a day is built once it has ended in China Standard Time. */
  now?: Date;
  /** @default <dataDir>/open-data */
  openDataDir?: string;
  /** @default the running code's (code-version.ts) */
  codeVersion?: string;
  /** Stops the build (the server stopping): nothing is published, the `.part` folder is removed. */
  signal?: AbortSignal;
}

export interface BuiltDay {
  manifest: DayManifest;
  /** The day the changes were taken against, or null for the first. */
  previousDay: string | null;
  changes: Record<string, ChangeCounts>;
}

/** The first instant after `day` in China Standard Time, as stored times are written (RFC 3339 UTC). */
export function endOfChinaDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();
}

/** The China Standard Time day before `now`'s: the one the server builds after midnight. */
export function previousChinaDay(now: Date = new Date()): string {
  return chinaToday(new Date(Date.parse(`${chinaToday(now)}T00:00:00+08:00`) - 1));
}

/**
 * The server's daily job: builds the previous China Standard Time day unless it (or a later day) is
 * published; null when there was nothing to do.
 */
export async function buildPreviousDayIfDue(
  source: OpenDataSource,
  options: BuildOptions = {},
): Promise<BuiltDay | null> {
  const day = previousChinaDay(options.now);
  const openDataDir = options.openDataDir ?? openDataDirOf(source.dataDir);
  if (listPublishedDays(openDataDir).some((d) => d >= day)) return null;
  return buildOpenDataDay(source, day, options);
}

/** Builds and publishes `date`; refused for a day not yet over, published already, or older than one published. */
export async function buildOpenDataDay(
  source: OpenDataSource,
  date: string,
  options: BuildOptions = {},
): Promise<BuiltDay> {
  const now = options.now ?? new Date();
  const openDataDir = options.openDataDir ?? openDataDirOf(source.dataDir);
  if (!isCalendarDate(date)) throw new OpenDataError(`${JSON.stringify(date)} is not a YYYY-MM-DD day`);
  if (date >= chinaToday(now))
    throw new OpenDataError(
      `${date} has not ended yet in China Standard Time: a day is built once, after it ends`,
    );
  await fs.promises.mkdir(openDataDir, { recursive: true, mode: 0o755 });
  const releaseLock = takeBuildLock(openDataDir);
  try {
    return await buildLocked(source, openDataDir, date, now, options);
  } finally {
    releaseLock();
  }
}

async function buildLocked(
  source: OpenDataSource,
  openDataDir: string,
  date: string,
  now: Date,
  options: BuildOptions,
): Promise<BuiltDay> {
  // Under the lock: what is published cannot change until the build is done.
  const published = listPublishedDays(openDataDir);
  const later = published.filter((d) => d >= date);
  if (later.length)
    throw new OpenDataError(
      later[0] === date
        ? `${date} is published already and is never rewritten: a correction goes into a later day's files`
        : `${later.at(-1)} is published already: days are built in order, and an earlier day's records are in its files`,
    );
  const previousDay = published.filter((d) => d < date).at(-1) ?? null;
  const previous = previousDay ? readManifest(path.join(openDataDir, previousDay)) : null;
  const build = await DayBuild.start(openDataDir, date);
  const store = openDataStore(source.dataDir);
  try {
    store.begin();
    const params: DayParams = { day: date, cutoff: endOfChinaDay(date) };
    const changes: Record<string, ChangeCounts> = {};
    const corrections: Correction[] = [];
    for (const dataset of datasets(source.keys)) {
      const { name, schemaVersion, columns } = dataset.info;
      const full = () => typedRows(columns, datasetRows(store, dataset, params, options.signal));
      for (const format of ['csv.gz', 'parquet'] as const)
        await build.writeFile({ dataset: name, kind: 'full', format, schemaVersion }, columns, full());
      // The previous full file compares only under the same schema; a new one starts over: all added.
      const before = previous?.files.find(
        (f) =>
          f.dataset === name &&
          f.kind === 'full' &&
          f.format === 'csv.gz' &&
          f.schema_version === schemaVersion,
      );
      const previousFile = before ? path.join(openDataDir, previousDay!, before.path) : null;
      const counts = noChanges();
      await build.writeFile(
        { dataset: name, kind: 'changes', format: 'csv.gz', schemaVersion },
        changesColumns(dataset.info),
        changedRows(dataset, full(), previousFile, previousDay, counts),
      );
      // The same rows again, read back from the CSV just written: the merge runs once.
      await build.writeFile(
        { dataset: name, kind: 'changes', format: 'parquet', schemaVersion },
        changesColumns(dataset.info),
        readCsvGzip(
          path.join(build.dir, dataFileName(name, 'changes', 'csv.gz')),
          changesColumns(dataset.info),
        ),
      );
      changes[name] = counts;
      if (counts.corrected > 0)
        corrections.push({
          date: previousDay!,
          dataset: name,
          reason: `${counts.corrected} row(s) of ${dataFileName(name, 'full', 'csv.gz')} as published on ${previousDay} are corrected in this day's changes (change = corrected): ${dataset.correctionReason}`,
        });
    }
    store.close();
    const manifest = await build.publish({
      generatedAt: now.toISOString(),
      corrections,
      ...(options.codeVersion ? { codeVersion: options.codeVersion } : {}),
    });
    return { manifest, previousDay, changes };
  } catch (err) {
    store.close();
    await build.abandon();
    throw err;
  }
}

function* datasetRows(
  store: OpenDataStore,
  dataset: Dataset,
  params: DayParams,
  signal: AbortSignal | undefined,
): Generator<unknown[]> {
  let n = 0;
  signal?.throwIfAborted();
  for (const raw of store.rows(dataset.info.name, params)) {
    if (n % 1024 === 0) signal?.throwIfAborted();
    const row = dataset.row(raw);
    checkAllowedValues(dataset.info, row, ++n);
    yield row;
  }
}

const LOCK_FILE = '.build.lock';

/**
 * One builder at a time per open-data folder (the server's daily build, the command line): a second
 * would clear the first's `.part` folder. The lock file holds the builder's process id; one left by a
 * process that is gone (killed mid-build) is taken over.
 */
function takeBuildLock(openDataDir: string): () => void {
  const file = path.join(openDataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o644 });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isSafeInteger(holder) && holder > 0 && processAlive(holder))
        throw new OpenDataError(
          `another build (process ${holder}) is writing ${openDataDir}: one builder at a time`,
        );
      fs.rmSync(file, { force: true });
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readManifest(dir: string): DayManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as DayManifest;
}
