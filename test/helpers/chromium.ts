import fs from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';
import { expect } from 'vitest';
import { findChromium } from '../../crawlers/browser/chromium.ts';
import { CHROMIUM_ARGS } from '../../crawlers/browser/pool.ts';
import { tempDir } from './gateway.ts';
import { isRunning, processTree } from './processes.ts';

/**
 * Debian's Chromium for a browser test, in a profile folder of its own. `close()` closes it, removes the
 * profile and asserts that no Chromium process it started is left running.
 */
export async function launchTestChromium(
  prefix: string,
): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = tempDir(prefix);
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    userDataDir,
    args: CHROMIUM_ARGS,
  });
  const pids = new Set<number>();
  const pid = browser.process()?.pid;
  if (pid) pids.add(pid);
  return {
    browser,
    async close() {
      for (const child of processTree([...pids])) pids.add(child);
      await browser.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
      for (const p of pids) expect(isRunning(p), `chromium process ${p} still running`).toBe(false);
    },
  };
}
