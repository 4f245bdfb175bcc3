#!/usr/bin/env node
// The `marketgate` command. The sources are TypeScript run through tsx's loader; there is no build step.
import v8 from 'node:v8';
import { register } from 'tsx/esm/api';

// A small young generation: filings stream garbage through it quickly, and V8's default (16 MiB
// semi-spaces, per thread) would hold tens of MiB per thread for it (docs/benchmarks.md, peak RSS).
v8.setFlagsFromString('--max-semi-space-size=2');

// Everything the gateway writes (database, keys, evidence, receipts) is for its owner only.
process.umask(0o077);
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);
