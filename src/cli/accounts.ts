import type { Command } from 'commander';
import type { accountsStore } from '../accounts/store.ts';
import { CliError, EXIT, printJson } from './output.ts';

type AccountsService = typeof import('../accounts/service.ts');

/**
 * Runs `fn` on the data folder's accounts. The database code is loaded here, when a command runs, not
 * when the command line starts (`marketgate --help` loads none of it: src/cli/main.ts).
 */
async function withAccounts<T>(
  dataDir: string | undefined,
  fn: (store: ReturnType<typeof accountsStore>, service: AccountsService) => T,
): Promise<T> {
  const [service, { accountsStore }, { loadConfig }, { openDatabase }, { openKeyring }] = await Promise.all([
    import('../accounts/service.ts'),
    import('../accounts/store.ts'),
    import('../config.ts'),
    import('../db/database.ts'),
    import('../keys/keyring.ts'),
  ]);
  const config = loadConfig({ dataDir });
  const db = openDatabase(config.dataDir);
  // Creating the keys here too means a data folder is complete whichever command touches it first.
  openKeyring(config.dataDir);
  try {
    return fn(accountsStore(db), service);
  } catch (err) {
    if (err instanceof service.AccountError) throw new CliError(err.message, EXIT.usage);
    throw err;
  } finally {
    db.close();
  }
}

/** rotate-key, revoke-key and list: the same for platforms and departments (one table, one key verb). */
function keyCommands(group: Command, kind: 'platform' | 'department'): void {
  group
    .command('rotate-key <slug>')
    .description('add a second key; both work until the old one is revoked')
    .option('--json', 'print {"slug", "key"}')

    .action(async (slug: string, o: { json?: boolean; data?: string }) => {
      const added = await withAccounts(o.data, (s, a) => a.rotatePlatformKey(s, slug));
      if (o.json) return printJson({ slug: added.slug, key: added.key });
      console.log(
        `new API key for ${slug} (shown once): ${added.key}\nkey prefix: ${added.prefix}\nrevoke the old key with: marketgate ${kind} revoke-key ${slug} <old-prefix>`,
      );
    });
  group
    .command('revoke-key <slug> <key-prefix>')
    .description(`revoke a key by its prefix (${kind === 'platform' ? 'mgp' : 'mgd'}_XXXXXXXX)`)

    .action(async (slug: string, prefix: string, o: { data?: string }) => {
      const revoked = await withAccounts(o.data, (s, a) => a.revokePlatformKey(s, slug, prefix));
      console.log(
        `revoked ${revoked.prefix}; active keys of ${slug}: ${revoked.remaining.join(', ') || 'none'}`,
      );
    });
  group
    .command('list')
    .description(`list ${kind}s`)

    .action(async (o: { data?: string }) => {
      const rows = await withAccounts(o.data, (s) =>
        (kind === 'platform' ? s.listPlatforms() : s.listDepartments()).map((p) => ({
          ...p,
          keys: s.activePlatformKeys(p.id).map((k) => k.prefix),
        })),
      );
      for (const p of rows)
        console.log(`${p.slug}\t${p.name}\t${p.uscc || '-'}\tkeys: ${p.keys.join(', ') || 'none'}`);
    });
}

export function accountCommands(program: Command): void {
  const platform = program.command('platform').description('platforms that file data, and their API keys');
  platform
    .command('add <slug>')
    .description('register a platform and print its API key (shown once)')
    .requiredOption('--name <name>', 'the platform operator name')
    .requiredOption('--uscc <code>', "the operator's unified social credit code")
    .option('--json', 'print {"slug", "key"} for scripts')

    .action(async (slug: string, o: { name: string; uscc: string; json?: boolean; data?: string }) => {
      const added = await withAccounts(o.data, (s, a) =>
        a.addPlatform(s, { slug, name: o.name, uscc: o.uscc }),
      );
      if (o.json) return printJson({ slug: added.slug, key: added.key });
      console.log(
        `platform ${added.slug} added.\nAPI key (shown once, store it now): ${added.key}\nkey prefix: ${added.prefix}`,
      );
    });
  keyCommands(platform, 'platform');

  const department = program
    .command('department')
    .description('departments (tax, customs, courts, other regulators) that file decisions and read events');
  department
    .command('add <slug>')
    .description('register a department and print its API key (shown once)')
    .requiredOption('--name <name>', 'the department name')
    .option('--uscc <code>', "the department's unified social credit code")
    .option('--json', 'print {"slug", "name", "kind", "key"} for scripts')

    .action(async (slug: string, o: { name: string; uscc?: string; json?: boolean; data?: string }) => {
      const added = await withAccounts(o.data, (s, a) =>
        a.addDepartment(s, { slug, name: o.name, uscc: o.uscc }),
      );
      if (o.json) return printJson({ slug: added.slug, name: added.name, kind: added.kind, key: added.key });
      console.log(
        `department ${added.slug} added.\nAPI key (shown once, store it now): ${added.key}\nkey prefix: ${added.prefix}`,
      );
    });
  keyCommands(department, 'department');

  const regulator = program.command('regulator').description('regulator accounts and their API tokens');
  regulator
    .command('add <name>')
    .description('create a regulator with an API token and a console password (shown once)')
    .option('--admin', 'give the account the admin role')
    .option('--json', 'print {"name", "token", "password"} for scripts')

    .action(async (name: string, o: { admin?: boolean; json?: boolean; data?: string }) => {
      const added = await withAccounts(o.data, (s, a) => a.addRegulator(s, { name, admin: o.admin }));
      if (o.json) return printJson({ name: added.name, token: added.token, password: added.password });
      console.log(
        `regulator ${added.name} (${added.role}) added. Shown once, store them now:\nAPI token: ${added.token}\nconsole password: ${added.password}`,
      );
    });

  const worker = program
    .command('worker')
    .description('crawl workers of the fleet (MARKETGATE_REDIS_URL) and their API keys');
  worker
    .command('add <name>')
    .description(
      'create a crawl worker account with an API key (shown once) for marketgate crawl-worker --token',
    )
    .option('--json', 'print {"name", "token"} for scripts')
    .action(async (name: string, o: { json?: boolean; data?: string }) => {
      const added = await withAccounts(o.data, (s, a) => a.addWorker(s, { name }));
      if (o.json) return printJson({ name: added.name, token: added.token });
      console.log(`worker ${added.name} added. Its API key, shown once, store it now:\n${added.token}`);
    });
  holderKeyCommands(regulator, 'regulator');
  holderKeyCommands(worker, 'worker');
}

/**
 * rotate and revoke for the keys of regulators (`rotate-token`, `revoke-token`: a leaked token is
 * revoked without locking its regulator out; the console password is not touched) and of crawl workers
 * (`rotate-key`, `revoke-key`).
 */
function holderKeyCommands(group: Command, kind: 'regulator' | 'worker'): void {
  const word = kind === 'regulator' ? 'token' : 'key';
  const prefix = kind === 'regulator' ? 'mgr' : 'mgw';
  group
    .command(`rotate-${word} <name>`)
    .description(`add a second API ${word}; both work until the old one is revoked`)
    .option('--json', 'print {"name", "token"}')
    .action(async (name: string, o: { json?: boolean; data?: string }) => {
      const added = await withAccounts(o.data, (s, a) =>
        kind === 'regulator' ? a.rotateRegulatorToken(s, name) : a.rotateWorkerKey(s, name),
      );
      if (o.json) return printJson({ name: added.name, token: added.token });
      console.log(
        `new API ${word} for ${kind} ${added.name} (shown once): ${added.token}\n${word} prefix: ${added.prefix}\nrevoke the old one with: marketgate ${kind} revoke-${word} ${added.name} <old-prefix>`,
      );
    });
  group
    .command(`revoke-${word} <name> <${word}-prefix>`)
    .description(`revoke an API ${word} by its prefix (${prefix}_XXXXXXXX): refused at once`)
    .action(async (name: string, given: string, o: { data?: string }) => {
      const revoked = await withAccounts(o.data, (s, a) =>
        kind === 'regulator' ? a.revokeRegulatorToken(s, name, given) : a.revokeWorkerKey(s, name, given),
      );
      console.log(
        `revoked ${revoked.prefix}; active ${word}s of ${kind} ${revoked.name}: ${revoked.remaining.join(', ') || 'none'}`,
      );
    });
}
