import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, EXIT } from './output.ts';

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000)
    throw new CliError(`--count must be 1-10000000, got "${value}"`, EXIT.usage);
  return n;
}

function share(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1))
    throw new CliError(`--bad-share must be between 0 and 1, got "${value}"`, EXIT.usage);
  return n;
}

/** Adds `generate` and its `sellers` command; returns `generate` so that other kinds can join it. */
export function generateCommands(program: Command): Command {
  const generate = program
    .command('generate')
    .description('make realistic synthetic filing files (for trying the gateway out)');
  generate
    .command('sellers')
    .description('write a seller file: .ndjson, .csv or .json by the name of --out')
    .requiredOption('--count <n>', 'how many sellers', count)
    .requiredOption('--out <file>', 'where to write')
    .option('--bad-share <p>', 'share of deliberately bad records', share, 0)
    .option('--seed <n>', 'random seed', (v) => Number(v), 1)
    .option('--prefix <p>', 'seller id prefix', 'S')
    .action(async (o: { count: number; out: string; badShare: number; seed: number; prefix: string }) => {
      const { formatSellers, generateSellers } = await import('../../fixtures/generate/sellers.ts');
      const format = o.out.endsWith('.csv') ? 'csv' : o.out.endsWith('.json') ? 'json' : 'ndjson';
      const records = [
        ...generateSellers({ count: o.count, seed: o.seed, badShare: o.badShare, idPrefix: o.prefix }),
      ].map((f) => f.record);
      fs.writeFileSync(o.out, formatSellers(records, format));
      console.log(`wrote ${records.length} sellers to ${o.out}`);
    });
  return generate;
}
