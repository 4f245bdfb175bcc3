import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/lib/dates.ts';
import { endOfChinaDay, previousChinaDay } from '../../src/opendata/build.ts';
import { runCli } from '../helpers/cli.ts';
import { testGateway, tempDir } from '../helpers/gateway.ts';

const t = testGateway();
afterAll(() => t.close());
const data = t.config.dataDir;
const yesterday = previousChinaDay();
const day = path.join(data, 'open-data', yesterday);

describe('marketgate opendata build and verify', () => {
  it('builds the previous day by default, then refuses to build it again', async () => {
    const built = await runCli(['opendata', 'build', '--data', data]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(`published ${day}`);
    expect(built.stdout).toMatch(/penalties\s+0 rows, changes: 0 added/);
    expect(fs.existsSync(path.join(day, 'SHA256SUMS'))).toBe(true);

    const again = await runCli(['opendata', 'build', '--date', yesterday, '--data', data]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/published already and is never rewritten/);
  });

  it('refuses a day that has not ended, and a date that is not one', async () => {
    const today = await runCli(['opendata', 'build', '--date', chinaToday(), '--data', data]);
    expect(today.code).toBe(1);
    expect(today.stderr).toMatch(/has not ended yet/);
    const bad = await runCli(['opendata', 'build', '--date', '6.12.2026', '--data', data]);
    expect(bad.code).toBe(2);
    const none = await runCli(['opendata', 'build', '--data', tempDir()]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/holds no gateway data/);
  });

  it('verifies a day, or a folder of days, and exits 1 on any byte changed', async () => {
    const ok = await runCli(['opendata', 'verify', day]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(`${day}: intact\n`);
    // A mirror: the folder of days.
    const mirror = tempDir();
    fs.cpSync(path.join(data, 'open-data'), mirror, { recursive: true });
    const copy = path.join(mirror, yesterday);
    expect((await runCli(['opendata', 'verify', mirror])).code).toBe(0);
    const file = path.join(copy, 'penalties-full.parquet');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 9]! ^= 1;
    fs.writeFileSync(file, bytes);
    const bad = await runCli(['opendata', 'verify', mirror, '--json']);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { differences: { path: string; problem: string }[] }[];
    expect(report[0]!.differences).toEqual([
      expect.objectContaining({ path: 'penalties-full.parquet', problem: 'sha256' }),
    ]);
    expect((await runCli(['opendata', 'verify', tempDir()])).code).toBe(2);
  });

  it('the server job builds the previous day once, and not a day already published', async () => {
    const { buildPreviousDayIfDue } = await import('../../src/opendata/build.ts');
    const source = { dataDir: t.config.dataDir, keys: t.gw.keys };
    // Yesterday is published (above): nothing to do.
    expect(await buildPreviousDayIfDue(source)).toBeNull();
    // After the next midnight, today is due.
    const now = new Date(Date.parse(endOfChinaDay(chinaToday())) + 60_000);
    const built = await buildPreviousDayIfDue(source, { now });
    expect(built?.manifest.date).toBe(chinaToday());
    expect(built?.previousDay).toBe(yesterday);
    expect(await buildPreviousDayIfDue(source, { now })).toBeNull();
  });

  it('a build stopped midway publishes nothing and leaves no folder behind', async () => {
    const { buildOpenDataDay } = await import('../../src/opendata/build.ts');
    const openDataDir = tempDir();
    const stop = new AbortController();
    stop.abort();
    await expect(
      buildOpenDataDay({ dataDir: data, keys: t.gw.keys }, yesterday, { openDataDir, signal: stop.signal }),
    ).rejects.toThrow(/abort/i);
    expect(fs.readdirSync(openDataDir)).toEqual([]);
  });

  it('one builder at a time: a live builder’s lock refuses, a dead one’s is taken over', async () => {
    const { buildOpenDataDay } = await import('../../src/opendata/build.ts');
    const openDataDir = tempDir();
    const source = { dataDir: data, keys: t.gw.keys };
    fs.writeFileSync(path.join(openDataDir, '.build.lock'), String(process.pid));
    await expect(buildOpenDataDay(source, yesterday, { openDataDir })).rejects.toThrow(/another build/);
    // A process id that no process has (above the kernel's pid_max).
    fs.writeFileSync(path.join(openDataDir, '.build.lock'), '4194305');
    await buildOpenDataDay(source, yesterday, { openDataDir });
    expect(fs.readdirSync(openDataDir)).toEqual([yesterday]);
  });
});
