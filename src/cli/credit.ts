import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { MODELS } from '../credit/model.ts';
import type { Gateway } from '../gateway-types.ts';
import { CliError, EXIT, printJson } from './output.ts';
import { readJson, readPublicKey } from './receipt.ts';

/**
 * Opens the gateway of a data folder (without its server) for one command. The gateway's code is
 * loaded here, when a command runs, not when the command line starts (src/cli/main.ts).
 */
export async function withGateway<T>(dataDir: string | undefined, work: (gw: Gateway) => T): Promise<T> {
  const [{ openGateway }, { default: pino }] = await Promise.all([import('../gateway.ts'), import('pino')]);
  const gw = openGateway(loadConfig({ dataDir, checkWorkers: 0 }), pino({ level: 'silent' }));
  try {
    return await work(gw);
  } finally {
    await gw.close();
  }
}

export function creditCommands(program: Command): void {
  const credit = program
    .command('credit')
    .description('credit records: the sweep, rescoring and the kept public pages');
  credit
    .command('sweep')
    .description(
      'expire serious-list entries after 3 years, propose abnormal-list entries open for 3 years, report penalties past their publication deadline',
    )
    .option('--json', 'print what was done as JSON')
    .action(async (o: { json?: boolean; data?: string }) => {
      const { sweepCredit } = await import('../credit/service.ts');
      const result = await withGateway(o.data, (gw) => sweepCredit(gw));
      if (o.json) return printJson(result);
      console.log(`expired list entries:           ${result.expired.length}`);
      console.log(`proposed for the serious list:  ${result.proposed.length}`);
      console.log(`penalties past their deadline:  ${result.overdue_penalties.length}`);
      for (const id of result.overdue_penalties) console.log(`  overdue penalty ${id}`);
    });
  credit
    .command('rescore')
    .description('recompute every subject’s score with a model version, keeping the scores of other versions')
    .option('--model <version>', `model version (${Object.keys(MODELS).join(', ')})`, 'v1')
    .action(async (o: { model: string; data?: string }) => {
      const model = MODELS[o.model];
      if (!model)
        throw new CliError(
          `no credit model "${o.model}" (have ${Object.keys(MODELS).join(', ')})`,
          EXIT.usage,
        );
      const { rescoreAll } = await import('../credit/service.ts');
      const count = await withGateway(o.data, (gw) => rescoreAll(gw, model));
      console.log(`rescored ${count} subjects with model ${model.version}`);
    });

  credit
    .command('pages')
    .description(
      'build and keep every public credit page that is missing or out of date (the server builds them as they are asked for); run it with the server’s MARKETGATE_PUBLIC_URL',
    )
    .action(async (o: { data?: string }) => {
      const built = await withGateway(o.data, (gw) => {
        const count = gw.creditPages.fillAll();
        if (!gw.creditPages.flush()) throw new CliError('the database is busy: try again', EXIT.failure);
        return count;
      });
      console.log(`kept ${built} public credit pages`);
    });

  program
    .command('complaints')
    .description('consumer complaints')
    .command('sweep')
    .description('mark complaint steps past their deadline (late platform answers count against the seller)')
    .option('--json', 'print what was done as JSON')
    .action(async (o: { json?: boolean; data?: string }) => {
      const { sweepComplaints } = await import('../complaints/service.ts');
      const result = await withGateway(o.data, (gw) => sweepComplaints(gw));
      if (o.json) return printJson(result);
      console.log(`complaints swept: ${result.swept}, newly late: ${result.late.length}`);
    });

  const audit = program.command('audit').description('the hash-chained audit log of regulator actions');
  audit
    .command('verify')
    .description(
      'check every entry of the audit log against its hash and its predecessor, and that the log still holds the entry a signed checkpoint saw; exit 1 if not',
    )
    .option(
      '--checkpoint <file>',
      'a head signed earlier (marketgate audit head, GET /v1/regulator/audit/head)',
    )
    .option('--key <file>', "the key that signed it: PEM or /v1/receipt-key's JSON (default: this gateway's)")
    .option('--json', 'print the result as JSON')
    .action(async (o: { checkpoint?: string; key?: string; json?: boolean; data?: string }) => {
      const checkpoint = o.checkpoint === undefined ? undefined : readJson(o.checkpoint, 'checkpoint');
      const key = o.key === undefined ? undefined : readPublicKey(o.key);
      const { checkAuditCheckpoint } = await import('../audit/checkpoint.ts');
      const { chain, held } = await withGateway(o.data, (gw) => {
        const chain = gw.audit.verify();
        const held =
          checkpoint === undefined || !chain.ok
            ? undefined
            : checkAuditCheckpoint(gw.audit, checkpoint, key ?? gw.keys.publicKeyPem);
        return { chain, held };
      });
      if (o.json) printJson(held === undefined ? chain : { ...chain, checkpoint: held });
      else if (chain.ok) {
        console.log(
          `audit log intact: ${chain.entries} entries` +
            (chain.head ? `, head ${chain.head.seq} ${chain.head.hash}` : ''),
        );
        if (held?.ok) console.log(`checkpoint of ${held.at}: entry ${held.seq} is in the log with its hash`);
      }
      if (!chain.ok) {
        throw new CliError(
          `audit log broken at entry ${chain.broken_at}: ${chain.why} (${chain.entries} entries read)`,
          EXIT.failure,
        );
      }
      if (held && !held.ok) throw new CliError(`audit checkpoint: ${held.why}`, EXIT.failure);
    });
  audit
    .command('head')
    .description(
      "print the audit log's head, signed with the gateway's key: keep it where the gateway cannot write, and check the log against it later with verify --checkpoint",
    )
    .action(async (o: { data?: string }) => {
      const { signedAuditHead } = await import('../audit/checkpoint.ts');
      printJson(await withGateway(o.data, (gw) => signedAuditHead(gw.audit, gw.keys)));
    });
}
