import { Command, CommanderError } from 'commander';
import { GATEWAY_VERSION } from '../backup/manifest.ts';
import { backupCommands } from './backup.ts';
import { accountCommands } from './accounts.ts';
import { crawlCommands } from './crawl.ts';
import { crawlWorkerCommands } from './crawl-worker.ts';
import { creditCommands } from './credit.ts';
import { generateCommands } from './generate.ts';
import { openDataCommands } from './opendata.ts';
import { CliError, EXIT } from './output.ts';
import { receiptCommands } from './receipt.ts';
import { riskCommands } from './risk.ts';
import { serveCommands } from './serve.ts';
import { transactionCommands } from './transactions.ts';
import { uploadCommands } from './upload.ts';

/**
 * The command line, every command with its options and help. Cheap to build: the command modules import
 * only what their definitions need (commander, option parsers, constants), and each action imports the
 * gateway, the database, the browser... when it runs (`await import()`; src/cli/build.mjs splits the
 * bundle so that those stay out of the entry). `marketgate --help` loads no npm package but commander
 * (test/cli/lazy-load.test.ts).
 */
export function buildProgram(): Command {
  const program = new Command('marketgate')
    .description('supervision gateway for e-commerce: filings, verification, credit, disputes')
    .version(GATEWAY_VERSION, '-V, --version', 'print the version of marketgate')
    .showHelpAfterError()
    .exitOverride();
  serveCommands(program);
  accountCommands(program);
  uploadCommands(program);
  receiptCommands(program);
  crawlCommands(program);
  crawlWorkerCommands(program);
  creditCommands(program);
  riskCommands(program);
  transactionCommands(program, generateCommands(program));
  backupCommands(program);
  openDataCommands(program);
  // Every command takes --data, so that scripts can pass it uniformly to gateways run side by side.
  const leaves = program.commands.flatMap((c) => (c.commands.length ? c.commands : [c]));
  for (const command of [...program.commands, ...leaves]) command.exitOverride();
  for (const leaf of leaves) {
    // A crawl worker has no data folder: it keeps nothing and never touches the database.
    if (leaf.name() === 'crawl-worker') continue;
    if (!leaf.options.some((o) => o.long === '--data'))
      leaf.option('--data <dir>', 'data folder (default ./data or MARKETGATE_DATA)');
  }
  return program;
}

/** Runs the command line and returns the exit code: 0 ok, 1 failure, 2 usage, 3 records rejected. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliError) {
      console.error(`marketgate: ${err.message}`);
      return err.exitCode;
    }
    console.error(`marketgate: ${(err as Error).message}`);
    return EXIT.failure;
  }
}
