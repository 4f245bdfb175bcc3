import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { CliError, EXIT, printJson } from './output.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MANIFEST = 'manifest.json';

/** `<dir>` as days to verify: a day's folder (it has a manifest, or is a `.part`), or a folder of days. */
function daysIn(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new CliError(`${dir} is not a folder`, EXIT.usage);
  const name = path.basename(path.resolve(dir));
  if (fs.existsSync(path.join(dir, MANIFEST)) || name.endsWith('.part') || DAY.test(name)) return [dir];
  const days = fs
    .readdirSync(dir)
    .filter((d) => DAY.test(d) && fs.statSync(path.join(dir, d)).isDirectory())
    .sort();
  if (days.length === 0)
    throw new CliError(`${dir} holds no day of open data (YYYY-MM-DD folders)`, EXIT.usage);
  return days.map((d) => path.join(dir, d));
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function openDataCommands(program: Command): void {
  const opendata = program
    .command('opendata')
    .description('the daily open-data files: build a day, verify a day or a mirror');
  opendata
    .command('build')
    .description(
      'build and publish one day of open data into <data>/open-data/<date>/: every dataset, full and changes, as gzip CSV and Parquet, with manifest.json and SHA256SUMS; a published day is never built again',
    )
    .option(
      '--date <YYYY-MM-DD>',
      'the day (China Standard Time) to build; it must have ended (default: yesterday)',
    )
    .option('--json', 'print the manifest and the change counts as JSON')
    .action(async (o: { date?: string; json?: boolean; data?: string }) => {
      if (o.date !== undefined && !DAY.test(o.date))
        throw new CliError(`--date ${JSON.stringify(o.date)} is not YYYY-MM-DD`, EXIT.usage);
      const { dataDir } = loadConfig({ dataDir: o.data });
      if (!fs.existsSync(path.join(dataDir, 'marketgate.db')))
        throw new CliError(`${dataDir} holds no gateway data (marketgate.db): pass --data`);
      const [{ buildOpenDataDay, previousChinaDay }, { OpenDataError }, { openKeyring }] = await Promise.all([
        import('../opendata/build.ts'),
        import('../opendata/columns.ts'),
        import('../keys/keyring.ts'),
      ]);
      const date = o.date ?? previousChinaDay();
      let built;
      try {
        built = await buildOpenDataDay({ dataDir, keys: openKeyring(dataDir) }, date);
      } catch (err) {
        if (err instanceof OpenDataError) throw new CliError(err.message);
        throw err;
      }
      const { manifest, previousDay, changes } = built;
      if (o.json) return printJson({ ...manifest, previous_day: previousDay, changes });
      const dir = path.join(dataDir, 'open-data', date);
      console.log(`published ${dir} (${manifest.files.length} files, code ${manifest.code_version})`);
      console.log(`  changes against ${previousDay ?? 'nothing: the first day, every row added'}`);
      for (const [name, c] of Object.entries(changes)) {
        const rows = (kind: string) =>
          manifest.files.find((f) => f.dataset === name && f.kind === kind)!.rows;
        const bytes = manifest.files.filter((f) => f.dataset === name).reduce((n, f) => n + f.bytes, 0);
        console.log(
          `  ${name.padEnd(28)} ${String(rows('full')).padStart(9)} rows, changes: ${c.added} added, ${c.changed} changed, ${c.removed} removed, ${c.corrected} corrected (${kB(bytes)})`,
        );
      }
      for (const c of manifest.corrections)
        console.log(`  correction of ${c.date}, ${c.dataset}: ${c.reason}`);
      console.log(`check it with: marketgate opendata verify ${dir}   (or sha256sum -c SHA256SUMS in it)`);
    });
  opendata
    .command('verify <dir>')
    .description(
      'check a day of open data (or every day in a folder of days: a mirror) against its manifest.json and SHA256SUMS; exits 1 on any difference',
    )
    .option('--json', 'print the differences as JSON')
    .action(async (dir: string, o: { json?: boolean }) => {
      const { verifyDay } = await import('../opendata/verify.ts');
      const results = [];
      for (const day of daysIn(dir)) results.push({ day, differences: await verifyDay(day) });
      const bad = results.filter((r) => r.differences.length > 0);
      if (o.json) printJson(results);
      else
        for (const { day, differences } of results) {
          if (differences.length === 0) console.log(`${day}: intact`);
          for (const d of differences) console.log(`${day}: ${d.path}: ${d.problem}: ${d.detail}`);
        }
      if (bad.length)
        throw new CliError(`${bad.length} of ${results.length} day(s) differ from their manifest`);
    });
}
