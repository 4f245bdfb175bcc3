/**
 * One day's folder of open data, `<open-data>/<date>/`, built so that it is either complete or absent.
 * The files are written into `<date>.part/`; publishing writes manifest.json and SHA256SUMS there (each
 * to a temporary name, fsynced, renamed), fsyncs the folder, renames it to `<date>` and fsyncs the
 * parent. A crash at any point leaves at most a `.part` folder, which is never taken as published
 * (listPublishedDays) and is cleared by the next build of that day. A published day is never written
 * again: starting it is refused, and a correction goes into a later day's files and its manifest.
 *
 * One builder at a time (the server's daily job, or the CLI on a stopped server): a second build of
 * the same day would clear the first one's `.part`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { syncFolder } from '../backup/files.ts';
import { codeVersion } from './code-version.ts';
import { type Column, type Rows, OpenDataError, isCalendarDate } from './columns.ts';
import { writeCsvGzip } from './csv-gzip.ts';
import {
  type Correction,
  type DayManifest,
  type FileFormat,
  type FileKind,
  type ManifestFile,
  MANIFEST_FILE,
  SUMS_FILE,
  dataFileName,
  manifestProblems,
  manifestText,
  sumsText,
} from './manifest.ts';
import { writeParquet } from './parquet.ts';

const PART = '.part';

export interface DataFileSpec {
  dataset: string;
  kind: FileKind;
  format: FileFormat;
  /** The dataset's schema version (its columns as its data dictionary documents them). */
  schemaVersion: number;
}

export interface PublishOptions {
  /** @default now */
  generatedAt?: string;
  /** @default codeVersion() */
  codeVersion?: string;
  corrections?: Correction[];
}

/** The folders of the days published under `openDataDir` (`YYYY-MM-DD` holding a manifest), oldest first. */
export function listPublishedDays(openDataDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(openDataDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((name) => isPublished(openDataDir, name)).sort();
}

/** Whether `<openDataDir>/<date>` is a published day. A `<date>.part` folder never is. */
export function isPublished(openDataDir: string, date: string): boolean {
  return isCalendarDate(date) && fs.existsSync(path.join(openDataDir, date, MANIFEST_FILE));
}

export class DayBuild {
  private readonly files: ManifestFile[] = [];
  private state: 'open' | 'published' | 'abandoned' = 'open';

  private constructor(
    readonly openDataDir: string,
    readonly date: string,
    /** The `.part` folder the files are written into until the day is published. */
    readonly dir: string,
  ) {}

  /** Starts building `date`; refused when the day is published already. */
  static async start(openDataDir: string, date: string): Promise<DayBuild> {
    if (!isCalendarDate(date)) throw new OpenDataError(`${JSON.stringify(date)} is not a YYYY-MM-DD day`);
    await fs.promises.mkdir(openDataDir, { recursive: true, mode: 0o755 });
    if (fs.existsSync(path.join(openDataDir, date)))
      throw new OpenDataError(
        `${date} is published already and is never rewritten: a correction goes into a later day's files`,
      );
    const dir = path.join(openDataDir, `${date}${PART}`);
    // Left by a build that did not finish: it was never published, so nobody has seen it.
    await fs.promises.rm(dir, { recursive: true, force: true });
    await fs.promises.mkdir(dir, { mode: 0o755 });
    return new DayBuild(openDataDir, date, dir);
  }

  /** Writes one data file of the day (`<dataset>-<kind>.<format>`) and records it for the manifest. */
  async writeFile(
    spec: DataFileSpec,
    columns: readonly Column[],
    rows: Rows,
    options: { rowGroupRows?: number } = {},
  ): Promise<ManifestFile> {
    this.mustBeOpen();
    if (!Number.isSafeInteger(spec.schemaVersion) || spec.schemaVersion < 1)
      throw new OpenDataError(`schema version ${spec.schemaVersion} is not a positive integer`);
    const name = dataFileName(spec.dataset, spec.kind, spec.format);
    if (this.files.some((f) => f.path === name)) throw new OpenDataError(`${name} is written already`);
    const file = path.join(this.dir, name);
    const written =
      spec.format === 'csv.gz'
        ? await writeCsvGzip(file, columns, rows)
        : await writeParquet(file, columns, rows, options);
    const entry: ManifestFile = {
      path: name,
      dataset: spec.dataset,
      kind: spec.kind,
      format: spec.format,
      rows: written.rows,
      bytes: written.bytes,
      sha256: written.sha256,
      schema_version: spec.schemaVersion,
    };
    this.files.push(entry);
    return entry;
  }

  /** Writes manifest.json and SHA256SUMS and publishes the day: from then on it is never changed. */
  async publish(options: PublishOptions = {}): Promise<DayManifest> {
    this.mustBeOpen();
    const manifest: DayManifest = {
      date: this.date,
      generated_at: options.generatedAt ?? new Date().toISOString(),
      code_version: options.codeVersion ?? codeVersion(),
      files: this.files,
      corrections: options.corrections ?? [],
    };
    const problems = manifestProblems(JSON.parse(manifestText(manifest)));
    if (problems.length)
      throw new OpenDataError(`the manifest of ${this.date} is invalid: ${problems.join('; ')}`);
    this.checkFolderHoldsTheFiles();
    const text = manifestText(manifest);
    await writeFileAtomically(path.join(this.dir, MANIFEST_FILE), text);
    const manifestSha256 = createHash('sha256').update(text).digest('hex');
    await writeFileAtomically(
      path.join(this.dir, SUMS_FILE),
      sumsText([...this.files, { path: MANIFEST_FILE, sha256: manifestSha256 }]),
    );
    syncFolder(this.dir);
    const published = path.join(this.openDataDir, this.date);
    // rename(2) would put the folder in place of an empty one without a word.
    if (fs.existsSync(published))
      throw new OpenDataError(`${this.date} was published by another build meanwhile`);
    await fs.promises.rename(this.dir, published);
    syncFolder(this.openDataDir);
    this.state = 'published';
    return manifest;
  }

  /** Removes the unpublished `.part` folder (after a failed build). */
  async abandon(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'abandoned';
    await fs.promises.rm(this.dir, { recursive: true, force: true });
  }

  private mustBeOpen(): void {
    if (this.state !== 'open') throw new OpenDataError(`the build of ${this.date} is ${this.state}`);
  }

  /** The `.part` folder must hold exactly the files written, at the sizes their writers counted. */
  private checkFolderHoldsTheFiles(): void {
    const onDisk = fs.readdirSync(this.dir).sort();
    const expected = this.files.map((f) => f.path).sort();
    if (onDisk.join('\n') !== expected.join('\n'))
      throw new OpenDataError(`${this.dir} holds ${onDisk.join(', ')}; written were ${expected.join(', ')}`);
    for (const f of this.files) {
      const size = fs.statSync(path.join(this.dir, f.path)).size;
      if (size !== f.bytes)
        throw new OpenDataError(`${f.path} has ${size} bytes on disk, ${f.bytes} were written`);
    }
  }
}

/** Writes `text` to `file` through a temporary file beside it, fsynced, then renamed into place. */
async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await fs.promises.open(temporary, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, file);
}
