/**
 * What a published day says about itself: `manifest.json` (every data file with its dataset, kind,
 * format, rows, bytes, SHA-256 and schema version, and the corrections of earlier days) and
 * `SHA256SUMS`, the same hashes in the `sha256sum` format, so that anyone checks a download or a mirror
 * with `sha256sum -c SHA256SUMS` and nothing of ours. SHA256SUMS lists manifest.json too: one command
 * checks every byte of the day. Both are made here as text; src/opendata/day.ts writes them.
 */
import { isCalendarDate } from './columns.ts';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';

export const FILE_KINDS = ['full', 'changes'] as const;
export const FILE_FORMATS = ['csv.gz', 'parquet'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export type FileFormat = (typeof FILE_FORMATS)[number];

export interface ManifestFile {
  /** Relative to the day's folder, `/`-separated. */
  path: string;
  dataset: string;
  /** `full`: every row as of the day; `changes`: the rows added, changed or withdrawn that day. */
  kind: FileKind;
  format: FileFormat;
  rows: number;
  bytes: number;
  sha256: string;
  /** The version of the dataset's columns (its data dictionary): raised when a column changes. */
  schema_version: number;
}

/** A fix to a day already published (never rewritten): the fixed rows are in this day's files. */
export interface Correction {
  /** The published day that was wrong. */
  date: string;
  dataset: string;
  /** What was wrong and what this day's files change, in words. */
  reason: string;
}

export interface DayManifest {
  date: string;
  /** When the day was built, RFC 3339 UTC. Only here: the data files hold no time of their making. */
  generated_at: string;
  code_version: string;
  files: ManifestFile[];
  corrections: Correction[];
}

const SHA256 = /^[0-9a-f]{64}$/;
const DATASET = /^[a-z][a-z0-9_]*$/;
/** Names a `sha256sum` line carries without escaping, and that are the same on every file system. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The file name of a dataset's file: `penalties-full.csv.gz`, `penalties-changes.parquet`. */
export function dataFileName(dataset: string, kind: FileKind, format: FileFormat): string {
  if (!DATASET.test(dataset))
    throw new RangeError(`dataset name ${JSON.stringify(dataset)} is not snake_case`);
  return `${dataset}-${kind}.${format}`;
}

/** Whether `p` is a plain relative path of safe names: no `..`, no spaces, nothing to escape. */
export function isSafeDayPath(p: string): boolean {
  return p.length > 0 && p.length <= 255 && p.split('/').every((segment) => SAFE_SEGMENT.test(segment));
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** manifest.json's text: keys in the contract's order, files by path, two-space indent, final newline. */
export function manifestText(m: DayManifest): string {
  const ordered = {
    date: m.date,
    generated_at: m.generated_at,
    code_version: m.code_version,
    files: [...m.files].sort(byPath).map((f) => ({
      path: f.path,
      dataset: f.dataset,
      kind: f.kind,
      format: f.format,
      rows: f.rows,
      bytes: f.bytes,
      sha256: f.sha256,
      schema_version: f.schema_version,
    })),
    corrections: m.corrections.map((c) => ({ date: c.date, dataset: c.dataset, reason: c.reason })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** SHA256SUMS' text: `<hex>  <path>` (two spaces: text mode), one line each, sorted by path. */
export function sumsText(entries: readonly { path: string; sha256: string }[]): string {
  return [...entries]
    .sort(byPath)
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('');
}

/** The problems of a parsed manifest.json (none: it is a DayManifest), each naming what is wrong. */
export function manifestProblems(m: unknown): string[] {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return ['not a JSON object'];
  const o = m as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof o.date !== 'string' || !isCalendarDate(o.date)) problems.push('date is not a YYYY-MM-DD day');
  if (typeof o.generated_at !== 'string' || !RFC3339_UTC.test(o.generated_at))
    problems.push('generated_at is not an RFC 3339 UTC time');
  if (typeof o.code_version !== 'string' || o.code_version === '') problems.push('code_version is missing');
  if (!Array.isArray(o.corrections)) problems.push('corrections is not a list');
  else
    o.corrections.forEach((c: Record<string, unknown> | null, i) => {
      const at = `corrections[${i}]`;
      if (typeof c !== 'object' || c === null) return void problems.push(`${at} is not an object`);
      // A correction is of a day published before this one.
      if (
        typeof c.date !== 'string' ||
        !isCalendarDate(c.date) ||
        !(typeof o.date === 'string' && c.date < o.date)
      )
        problems.push(`${at}.date is not an earlier YYYY-MM-DD day`);
      if (typeof c.dataset !== 'string' || !DATASET.test(c.dataset))
        problems.push(`${at}.dataset is invalid`);
      if (typeof c.reason !== 'string' || c.reason.trim() === '') problems.push(`${at}.reason is empty`);
    });
  return [...problems, ...fileListProblems(o.files)];
}

/** The problems of a manifest's `files` (none: every entry is a valid ManifestFile, each path once). */
export function fileListProblems(files: unknown): string[] {
  if (!Array.isArray(files)) return ['files is not a list'];
  const problems: string[] = [];
  const seen = new Set<string>();
  files.forEach((f: Record<string, unknown> | null, i) => {
    const at = `files[${i}]`;
    if (typeof f !== 'object' || f === null) return void problems.push(`${at} is not an object`);
    if (
      typeof f.path !== 'string' ||
      !isSafeDayPath(f.path) ||
      f.path === MANIFEST_FILE ||
      f.path === SUMS_FILE
    )
      return void problems.push(`${at}.path ${JSON.stringify(f.path)} is not a data file's relative path`);
    if (seen.has(f.path)) problems.push(`${f.path} is listed twice`);
    seen.add(f.path);
    if (typeof f.dataset !== 'string' || !DATASET.test(f.dataset))
      problems.push(`${f.path}: dataset is invalid`);
    if (!FILE_KINDS.includes(f.kind as FileKind)) problems.push(`${f.path}: kind is not full or changes`);
    if (!FILE_FORMATS.includes(f.format as FileFormat))
      problems.push(`${f.path}: format is not csv.gz or parquet`);
    for (const key of ['rows', 'bytes'] as const)
      if (!Number.isSafeInteger(f[key]) || (f[key] as number) < 0)
        problems.push(`${f.path}: ${key} is invalid`);
    if (!Number.isSafeInteger(f.schema_version) || (f.schema_version as number) < 1)
      problems.push(`${f.path}: schema_version is invalid`);
    if (typeof f.sha256 !== 'string' || !SHA256.test(f.sha256)) problems.push(`${f.path}: sha256 is invalid`);
  });
  return problems;
}

/** The lines of a SHA256SUMS text, and the lines that are not `<64 hex>  <path>`. */
export function parseSums(text: string): {
  entries: { path: string; sha256: string }[];
  bad: string[];
} {
  const entries: { path: string; sha256: string }[] = [];
  const bad: string[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else bad.push('the last line has no newline');
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m && isSafeDayPath(m[2]!)) entries.push({ sha256: m[1]!, path: m[2]! });
    else bad.push(`line ${i + 1}: ${JSON.stringify(line.slice(0, 120))}`);
  });
  return { entries, bad };
}
