#!/usr/bin/env node
// The `marketgate` command. The sources are TypeScript run through tsx's loader; there is no build step.
import { register } from 'tsx/esm/api';

// Everything the gateway writes (database, keys, evidence, receipts) is for its owner only.
process.umask(0o077);
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
