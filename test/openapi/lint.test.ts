import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { tempDir, testGateway } from '../helpers/gateway.ts';

/**
 * The OpenAPI document the gateway serves, linted by Redocly's recommended rules (redocly.yaml, issue 22):
 * client generators and API portals read it, and these rules are what they trip on. The installed CLI,
 * offline: no usage data, no update check.
 */

const REPO = path.resolve(import.meta.dirname, '../..');
const REDOCLY = path.join(REPO, 'node_modules/.bin/redocly');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}
interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

const t = testGateway();
const dir = tempDir('mg-openapi-');
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function lint(file: string): Promise<LintReport> {
  const args = [
    'lint',
    file,
    '--format=json',
    '--max-problems=10000',
    `--config=${path.join(REPO, 'redocly.yaml')}`,
  ];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  // The CLI exits 1 when it finds errors: its report is on standard output all the same.
  const { stdout } = await promisify(execFile)(REDOCLY, args, { cwd: REPO, env, timeout: 30_000 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
  );
  return JSON.parse(stdout) as LintReport;
}

const keyOf = (p: LintProblem) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}`;

test('the OpenAPI document passes the recommended rules: no error, no warning', async () => {
  const doc = await t.call('GET', '/openapi.json');
  expect(doc.status).toBe(200);
  const file = path.join(dir, 'openapi.json');
  fs.writeFileSync(file, doc.text);

  const report = await lint(file);
  const shown = report.problems.map((p) => `${p.severity} ${keyOf(p)}: ${p.message}`).join('\n');
  expect(report.totals.errors, shown).toBe(0);
  expect(report.totals.warnings, shown).toBe(0);
  expect(report.problems.map((p) => `${keyOf(p)}: ${p.message}`)).toEqual([]);
});
