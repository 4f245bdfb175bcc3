/**
 * Checks a day's folder (a published one, a download, a mirror) against its manifest.json and
 * SHA256SUMS: every listed file is there with its size and SHA-256, nothing else is there, and the
 * two lists agree with each other and with the folder's name. What it cannot check is the rows
 * (that would mean decoding every file): the hashes already pin every byte of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hashFile } from '../backup/files.ts';
import { isCalendarDate } from './columns.ts';
import {
  type DayManifest,
  MANIFEST_FILE,
  SUMS_FILE,
  fileListProblems,
  manifestProblems,
  parseSums,
} from './manifest.ts';

export type DifferenceProblem =
  /** The folder is an unfinished build (`<date>.part`), not a published day. */
  | 'unpublished'
  | 'manifest_invalid'
  | 'sums_invalid'
  /** Listed, but not in the folder (or not a regular file). */
  | 'missing'
  /** In the folder, but listed nowhere. */
  | 'extra'
  | 'size'
  | 'sha256'
  /** manifest.json and SHA256SUMS say different things about this path. */
  | 'lists_disagree'
  /** The manifest's date is not the folder's name. */
  | 'date';

export interface DayDifference {
  /** Relative to the day's folder. */
  path: string;
  problem: DifferenceProblem;
  detail: string;
}

/** Every difference between the folder `dir` and what its manifest.json and SHA256SUMS say; none: intact. */
export async function verifyDay(dir: string): Promise<DayDifference[]> {
  const out: DayDifference[] = [];
  const report = (p: string, problem: DifferenceProblem, detail: string) =>
    out.push({ path: p, problem, detail });
  const folderName = path.basename(path.resolve(dir));
  if (folderName.endsWith('.part'))
    report('.', 'unpublished', `${folderName} is a build that was never published`);

  const onDisk = listRegularFiles(dir, report);
  const manifest = readManifest(dir, onDisk, report);
  const sums = readSums(dir, onDisk, report);

  if (manifest && isCalendarDate(folderName) && manifest.date !== folderName)
    report(MANIFEST_FILE, 'date', `the manifest is of ${manifest.date}, the folder is ${folderName}`);

  const hashes = new Map<string, { sha256: string; size: number }>();
  const hashOf = async (p: string) => {
    if (!hashes.has(p)) hashes.set(p, await hashFile(path.join(dir, p)));
    return hashes.get(p)!;
  };

  const listed = new Map((manifest?.files ?? []).map((f) => [f.path, f]));
  for (const f of listed.values()) {
    if (!onDisk.has(f.path)) {
      report(f.path, 'missing', `listed in ${MANIFEST_FILE}, not in the folder`);
      continue;
    }
    const actual = await hashOf(f.path);
    if (actual.size !== f.bytes) report(f.path, 'size', `${actual.size} bytes, the manifest says ${f.bytes}`);
    if (actual.sha256 !== f.sha256)
      report(f.path, 'sha256', `SHA-256 ${actual.sha256}, the manifest says ${f.sha256}`);
  }

  if (sums) {
    for (const [p, sha256] of sums) {
      if (manifest && p !== MANIFEST_FILE) {
        const entry = listed.get(p);
        if (!entry) report(p, 'lists_disagree', `in ${SUMS_FILE}, not in ${MANIFEST_FILE}`);
        else if (entry.sha256 !== sha256)
          report(p, 'lists_disagree', `${SUMS_FILE} says ${sha256}, ${MANIFEST_FILE} says ${entry.sha256}`);
      } else if (!onDisk.has(p)) {
        if (p !== MANIFEST_FILE) report(p, 'missing', `listed in ${SUMS_FILE}, not in the folder`);
      } else if ((await hashOf(p)).sha256 !== sha256)
        // manifest.json itself, or any file when the manifest's list cannot be used.
        report(p, 'sha256', `SHA-256 ${(await hashOf(p)).sha256}, ${SUMS_FILE} says ${sha256}`);
    }
    if (!sums.has(MANIFEST_FILE)) report(MANIFEST_FILE, 'lists_disagree', `${SUMS_FILE} does not list it`);
    for (const p of listed.keys())
      if (!sums.has(p)) report(p, 'lists_disagree', `in ${MANIFEST_FILE}, not in ${SUMS_FILE}`);
  }

  for (const p of onDisk)
    if (p !== MANIFEST_FILE && p !== SUMS_FILE && !listed.has(p) && !sums?.has(p))
      report(p, 'extra', 'in the folder, listed in neither manifest.json nor SHA256SUMS');

  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((a, b) => order(a.path, b.path) || order(a.problem, b.problem));
}

type Report = (p: string, problem: DifferenceProblem, detail: string) => void;

/** The regular files under `dir`, `/`-separated; anything else there (a link, a socket) is reported. */
function listRegularFiles(dir: string, report: Report): Set<string> {
  const files = new Set<string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) files.add(rel);
      // A link could make a listed path read bytes from anywhere: it is not the published file.
      else report(rel, 'extra', 'not a regular file');
    }
  };
  walk('');
  return files;
}

/** The manifest, or undefined when it is missing or its file list cannot be used (both reported). */
function readManifest(dir: string, onDisk: Set<string>, report: Report): DayManifest | undefined {
  if (!onDisk.has(MANIFEST_FILE)) return void report(MANIFEST_FILE, 'missing', 'the day has no manifest');
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    return void report(MANIFEST_FILE, 'manifest_invalid', 'not valid JSON');
  }
  for (const p of manifestProblems(parsed)) report(MANIFEST_FILE, 'manifest_invalid', p);
  // The files are still checked when only other members are wrong (a date, a correction).
  const usable =
    typeof parsed === 'object' &&
    parsed !== null &&
    fileListProblems((parsed as DayManifest).files).length === 0;
  return usable ? (parsed as DayManifest) : undefined;
}

function readSums(dir: string, onDisk: Set<string>, report: Report): Map<string, string> | undefined {
  if (!onDisk.has(SUMS_FILE)) return void report(SUMS_FILE, 'missing', 'the day has no SHA256SUMS');
  const { entries, bad } = parseSums(fs.readFileSync(path.join(dir, SUMS_FILE), 'utf8'));
  for (const line of bad) report(SUMS_FILE, 'sums_invalid', line);
  const sums = new Map<string, string>();
  for (const e of entries) {
    if (sums.has(e.path)) report(SUMS_FILE, 'sums_invalid', `${e.path} is listed twice`);
    sums.set(e.path, e.sha256);
  }
  return sums;
}
