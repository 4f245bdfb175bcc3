import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt } from '../../src/cli/build.mjs';
import { BIN, REPO, runCli, runCliProcess } from '../helpers/cli.ts';
import { tempDir } from '../helpers/gateway.ts';

/**
 * What `marketgate` loads to start (issue 18: `--help` took seconds). A module hook in the spawned
 * process writes down every module that Node resolves; `--help` must resolve no npm package but
 * commander, through the compiled bundle (the launcher) and through the TypeScript (tsx).
 */
const dir = tempDir('mg-startup-');
const hooks = path.join(dir, 'hooks.mjs');
const register = path.join(dir, 'register.mjs');
fs.writeFileSync(
  hooks,
  `import fs from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  fs.appendFileSync(process.env.MG_LOAD_LOG, resolved.url + '\\n');
  return resolved;
}
`,
);
fs.writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);

/** Runs `node <nodeArgs>` with the hook; the npm packages it resolved, and what it printed. */
function withHook(name: string, nodeArgs: string[]) {
  const log = path.join(dir, `${name}.log`);
  return new Promise<{ code: number | null; stdout: string; stderr: string; packages: string[] }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, ['--import', register, ...nodeArgs], {
        cwd: REPO,
        env: { ...process.env, MG_LOAD_LOG: log, MARKETGATE_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => {
        const packages = new Set<string>();
        for (const url of fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n') : []) {
          const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
          if (m) packages.add(m[1]!);
        }
        resolve({ code, stdout, stderr, packages: [...packages].sort() });
      });
    },
  );
}

/** `marketgate <args>` as users run it: the launcher, which loads the compiled bundle. */
const launcher = (name: string, args: string[]) => withHook(name, [BIN, ...args]);

/** `marketgate <args>` from the TypeScript, as the launcher runs it when the bundle cannot be built. */
function fromSources(name: string, args: string[]) {
  const main = pathToFileURL(path.join(REPO, 'src/cli/main.ts')).href;
  const script = `const { main } = await import(${JSON.stringify(main)});
process.exitCode = await main(['node', 'marketgate', ...${JSON.stringify(args)}]);`;
  return withHook(name, ['--import', 'tsx', '--input-type=module', '-e', script]);
}

/** The launcher's own tools: esbuild when the bundle is stale, tsx when it cannot be built. */
const LAUNCHER = ['.cache', 'esbuild', 'tsx'];

const COMMANDS = [
  'serve',
  'demo',
  'platform',
  'department',
  'regulator',
  'file',
  'receipt',
  'crawl',
  'verify',
  'credit',
  'complaints',
  'audit',
  'risk',
  'generate',
  'retention',
  'backup',
  'restore',
];

beforeAll(async () => {
  // As runCli does: a fresh bundle, so that the launcher loads it rather than build it first.
  await ensureBuilt('cli');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('marketgate --help', () => {
  test.each([
    ['the launcher (compiled bundle)', 'help-launcher', launcher],
    ['tsx, from the TypeScript', 'help-sources', fromSources],
  ])(
    'through %s, lists every command and loads no npm package but commander',
    async (_how, name, run) => {
      const res = await run(name, ['--help']);
      expect(res.code, res.stderr).toBe(0);
      const listed = [...res.stdout.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
      for (const command of COMMANDS) expect(listed, res.stdout).toContain(command);
      expect(res.packages).toContain('commander');
      const others = res.packages.filter((p) => p !== 'commander' && !LAUNCHER.includes(p));
      expect(others, 'npm packages loaded by --help').toEqual([]);
    },
    60_000,
  );

  test('the hook sees what a command loads: platform list opens the database', async () => {
    const res = await launcher('platform-list', ['platform', 'list', '--data', path.join(dir, 'data')]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.packages).toContain('better-sqlite3');
  }, 60_000);

  test("a command's help shows its options (receipt verify --file)", async () => {
    const res = await runCli(['receipt', 'verify', '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('--file <filed-file>');
  });
});

describe('marketgate --version', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    version: string;
  };

  test('prints the version of package.json and exits 0', async () => {
    const res = await runCliProcess(['--version']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe(`${version}\n`);
  }, 60_000);

  test('-V too', async () => {
    const res = await runCli(['-V']);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(version);
  });
});
