import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { CliError, EXIT } from './output.ts';

function positive(name: string, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new CliError(`${name} must be 1-${max}, got "${value}"`, EXIT.usage);
    return n;
  };
}

export function transactionCommands(program: Command, generate: Command): void {
  generate
    .command('transactions')
    .description(
      'write an NDJSON file of orders for the sellers that `generate sellers` makes with the same prefix',
    )
    .requiredOption('--count <n>', 'how many orders', positive('--count', 100_000_000))
    .requiredOption('--out <file>', 'where to write (.ndjson)')
    .option(
      '--sellers <n>',
      'how many sellers the orders spread over (skewed)',
      positive('--sellers', 10_000_000),
      1000,
    )
    .option('--seller-prefix <p>', 'seller id prefix used with generate sellers', 'S')
    .option('--bad-share <p>', 'share of deliberately bad records', Number, 0)
    .option('--seed <n>', 'random seed', Number, 7)
    .action(
      async (o: {
        count: number;
        out: string;
        sellers: number;
        sellerPrefix: string;
        badShare: number;
        seed: number;
      }) => {
        const [{ generateSellers }, { generateTransactions, transactionLines }] = await Promise.all([
          import('../../fixtures/generate/sellers.ts'),
          import('../../fixtures/generate/transactions.ts'),
        ]);
        const sellerIds = [...generateSellers({ count: o.sellers, idPrefix: o.sellerPrefix })].map((f) =>
          String(f.record.seller_id),
        );
        const out = fs.createWriteStream(o.out);
        for (const line of transactionLines(
          generateTransactions({ count: o.count, sellerIds, badShare: o.badShare, seed: o.seed }),
        )) {
          if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        await new Promise<void>((resolve, reject) =>
          out.end((err?: Error) => (err ? reject(err) : resolve())),
        );
        console.log(`wrote ${o.count} orders over ${o.sellers} sellers to ${o.out}`);
      },
    );

  program
    .command('retention')
    .description('transaction retention')
    .command('run')
    .description('remove transactions finished longer ago than the retention period (3 years at least)')
    .option('--dry-run', 'only print what would be removed')
    .action(async (o: { dryRun?: boolean; data?: string }) => {
      const [{ openDatabase }, { runRetention }, { transactionsSql }] = await Promise.all([
        import('../db/database.ts'),
        import('../transactions/retention.ts'),
        import('../transactions/store.ts'),
      ]);
      const config = loadConfig({ dataDir: o.data });
      const db = openDatabase(config.dataDir);
      try {
        const report = runRetention(transactionsSql(db), config, { dryRun: o.dryRun });
        console.log(
          `${report.dryRun ? 'would remove' : 'removing'} orders finished before ${report.cutoff} (retention ${config.retentionYears} years):`,
        );
        if (report.platforms.length === 0) console.log('  nothing');
        for (const p of report.platforms) {
          console.log(`  ${p.platform}: ${p.orders} orders, finished ${p.oldest} … ${p.newest}`);
        }
        if (!report.dryRun)
          console.log(`removed ${report.removedOrders} orders (${report.removedVersions} filed versions)`);
        if (config.transactionsUrl) {
          // Orders in ClickHouse go by month of placing, whole months only (decision 0021).
          const { confirmOwner, dropExpiredMonths, gatewayIdentity, openTopology } =
            await import('../transactions/clickhouse/schema.ts');
          const t = openTopology(
            {
              url: config.transactionsUrl,
              cluster: config.transactionsCluster,
              gateway: gatewayIdentity(db),
            },
            db,
            { timeoutMs: 600_000 },
          );
          try {
            // Another gateway's months are not this one's to drop.
            await confirmOwner(t);
            const months = await dropExpiredMonths(t, new Date(report.cutoff), { dryRun: o.dryRun });
            console.log(
              `ClickHouse: ${report.dryRun ? 'would drop' : 'dropped'} the months of placing ${months.dropped.join(', ') || '(none)'}`,
            );
            for (const k of months.kept)
              console.log(`  kept ${k.month}: ${k.open_orders} orders not finished before the cutoff`);
            // The trace codes of a month go with it, once no shard kept any of its orders (trace_sales).
            if (!o.dryRun) {
              const kept = new Set(months.kept.map((k) => k.month));
              const trace = transactionsSql(db).trace;
              let codes = 0;
              for (const month of new Set(months.dropped))
                if (!kept.has(month)) codes += trace.dropMonth(month);
              console.log(`removed the ${codes} trace codes sold in those months`);
            }
          } finally {
            await t.close();
          }
        }
      } finally {
        db.close();
      }
    });
}
