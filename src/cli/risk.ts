import type { Command } from 'commander';
import { SIGNALS, type Signal } from '../risk/rules.ts';
import { withGateway } from './credit.ts';
import { CliError, EXIT, printJson } from './output.ts';

export function riskCommands(program: Command): void {
  program
    .command('risk')
    .description('risk warnings from all platforms’ data together (docs/risk-model.md)')
    .command('run')
    .description(
      'fold what was filed since the last run into the aggregates, run the signals now, and print what changed',
    )
    .option('--signal <name>', `run one signal only (${SIGNALS.join(', ')})`)
    .option('--json', 'print the report as JSON')
    .action(async (o: { signal?: string; json?: boolean; data?: string }) => {
      if (o.signal !== undefined && !SIGNALS.includes(o.signal as Signal))
        throw new CliError(`no signal "${o.signal}" (have ${SIGNALS.join(', ')})`, EXIT.usage);
      const { runRiskNow } = await import('../risk/run.ts');
      const report = await withGateway(o.data, (gw) =>
        runRiskNow(gw, { signals: o.signal ? [o.signal as Signal] : undefined }),
      );
      if (o.json) return printJson(report);
      const f = report.fold;
      console.log(`folded ${f.filings} filings (${f.orders} orders, ${f.sellers} sellers) in ${f.ms} ms`);
      console.log('signal               fired   new  updated  unchanged      ms');
      for (const s of report.signals)
        console.log(
          `${s.signal.padEnd(20)} ${String(s.fired).padStart(5)} ${String(s.new).padStart(5)} ${String(s.updated).padStart(8)} ${String(s.unchanged).padStart(10)} ${String(s.ms).padStart(7)}`,
        );
      for (const s of report.signals) if (s.skipped) console.log(`${s.signal} did not run: ${s.skipped}`);
      for (const s of report.signals)
        for (const w of s.opened)
          console.log(`new ${s.signal} warning ${w.warning_id} on ${w.target} (score ${w.score})`);
      console.log(`done in ${report.ms} ms`);
    });
}
