import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { MODELS } from '../credit/model.ts';
import { rescoreAll, sweepCredit } from '../credit/service.ts';
import { sweepComplaints } from '../complaints/service.ts';
import { openGateway } from '../gateway.ts';
import { CliError, EXIT, printJson } from './output.ts';

function withGateway<T>(
  dataDir: string | undefined,
  work: (gw: ReturnType<typeof openGateway>) => T,
): Promise<T> {
  const gw = openGateway(loadConfig({ dataDir, checkWorkers: 0 }), pino({ level: 'silent' }));
  return Promise.resolve()
    .then(() => work(gw))
    .finally(() => gw.close());
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
      const result = await withGateway(o.data, (gw) => sweepComplaints(gw));
      if (o.json) return printJson(result);
      console.log(`complaints swept: ${result.swept}, newly late: ${result.late.length}`);
    });

  program
    .command('audit')
    .description('the hash-chained audit log of regulator actions')
    .command('verify')
    .description('check every entry of the audit log against its hash and its predecessor; exit 1 if broken')
    .option('--json', 'print the result as JSON')
    .action(async (o: { json?: boolean; data?: string }) => {
      const result = await withGateway(o.data, (gw) => gw.audit.verify());
      if (o.json) printJson(result);
      else if (result.ok)
        console.log(
          `audit log intact: ${result.entries} entries` +
            (result.head ? `, head ${result.head.seq} ${result.head.hash}` : ''),
        );
      if (!result.ok) {
        throw new CliError(
          `audit log broken at entry ${result.broken_at}: ${result.why} (${result.entries} entries read)`,
          EXIT.failure,
        );
      }
    });
}
