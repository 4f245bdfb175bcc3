import { urlIsPublic } from '../fetch/address-guard.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer';

/**
 * Headless Chromium for stores whose identity only exists once their scripts have run.
 *
 * - Every store gets a fresh browser context (no cookies, storage or cache from another store); the
 *   pool keeps one ready context+page per slot, so a store never waits for one to be made.
 * - A browser is retired after `pagesPerBrowser` stores (memory held by a long-lived Chromium only
 *   grows) and whenever a step times out (a wedged renderer is not trusted with the next store).
 * - Every step has a deadline; close() leaves no Chromium process behind.
 */
export interface BrowserPoolOptions {
  executablePath: string;
  userAgent: string;
  /** Stores rendered at the same time. */
  slots?: number;
  pagesPerBrowser?: number;
  navigationTimeoutMs?: number;
  /** After `load`, how long to wait for the network to go quiet (scripts fetching the identity). */
  settleMs?: number;
  /** Screenshots stop at this height in CSS pixels. */
  maxScreenshotHeight?: number;
  /** Refuse every request of a page (scripts, images, redirects) to a host that is not public. */
  publicAddressesOnly?: boolean;
}

export interface RenderedPage {
  finalUrl: string;
  status: number | null;
  html: string;
  screenshot: Buffer;
  browserVersion: string;
  timings: { navigationMs: number; totalMs: number };
}

export class RenderFailed extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

interface Instance {
  browser: Browser;
  userDataDir: string;
  version: string;
  pid: number | undefined;
  handedOut: number;
  inUse: number;
  retiring: boolean;
}

interface Ready {
  instance: Instance;
  context: BrowserContext;
  page: Page;
}

const VIEWPORT = { width: 1280, height: 900 };

export class BrowserPool {
  readonly slots: number;
  private readonly pagesPerBrowser: number;
  private readonly navigationTimeoutMs: number;
  private readonly settleMs: number;
  private readonly maxScreenshotHeight: number;
  private current: Promise<Instance> | undefined;
  private currentInstance: Instance | undefined;
  private readonly instances = new Set<Instance>();
  private readonly ready: Promise<Ready>[] = [];
  private waiting: (() => void)[] = [];
  private busy = 0;
  /** Pages rendering now (GET /metrics). */
  get inUse(): number {
    return this.busy;
  }
  private closed = false;
  private readonly puppeteerSignals: boolean;
  readonly counters = { launched: 0, retired: 0, rendered: 0, failed: 0 };

  constructor(private readonly options: BrowserPoolOptions) {
    this.slots = options.slots ?? 2;
    this.pagesPerBrowser = options.pagesPerBrowser ?? 100;
    this.navigationTimeoutMs = options.navigationTimeoutMs ?? 15_000;
    this.settleMs = options.settleMs ?? 1_500;
    this.maxScreenshotHeight = options.maxScreenshotHeight ?? 8_000;
    // Puppeteer's own signal handlers close Chromium under the renders in flight on SIGTERM, and end the
    // process at once on SIGINT (exit 130). A process that handles those signals itself when it makes
    // the pool (`marketgate serve`, whose shutdown closes the pool) must not have them; one that does
    // not (a command run in a terminal) keeps them, so that no Chromium outlives it. Puppeteer's handler
    // of the process's exit, which kills Chromium, stays either way.
    this.puppeteerSignals = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM') === 0;
  }

  /** PIDs of the Chromium main processes this pool has running now. */
  livePids(): number[] {
    return [...this.instances].flatMap((instance) => (instance.pid ? [instance.pid] : []));
  }

  async render(url: string): Promise<RenderedPage> {
    return this.withSlot((render) => render(url));
  }

  /**
   * Waits for a free slot, then runs `work` with it held: `work` renders with the function it is given.
   * A caller that must also wait for a host's turn (the politeness limiter) waits for the slot first, so
   * that it never holds a host's lease, or a share of a fleet's global cap, while it waits for a slot of
   * this machine.
   */
  async withSlot<T>(work: (render: (url: string) => Promise<RenderedPage>) => Promise<T>): Promise<T> {
    if (this.closed) throw new RenderFailed('the browser pool is closed', false);
    await this.acquireSlot();
    try {
      return await work((url) => this.renderInSlot(url));
    } finally {
      this.releaseSlot();
    }
  }

  private async renderInSlot(url: string): Promise<RenderedPage> {
    if (this.closed) throw new RenderFailed('the browser pool is closed', false);
    const started = performance.now();
    let ready: Ready | undefined;
    try {
      ready = await this.takeReady();
      const { page, instance } = ready;
      const response = await page.goto(url, { waitUntil: 'load', timeout: this.navigationTimeoutMs });
      const navigationMs = performance.now() - started;
      await page.waitForNetworkIdle({ idleTime: 200, timeout: this.settleMs }).catch(() => {});
      const html = await step(page.content(), 5_000, 'reading the rendered page');
      const height = await step(
        page.evaluate(() => document.documentElement.scrollHeight),
        5_000,
        'measuring the page',
      );
      const screenshot = await step(
        page.screenshot({
          type: 'png',
          captureBeyondViewport: true,
          clip: {
            x: 0,
            y: 0,
            width: VIEWPORT.width,
            height: Math.max(1, Math.min(height, this.maxScreenshotHeight)),
          },
        }),
        15_000,
        'taking the screenshot',
      );
      this.counters.rendered += 1;
      return {
        finalUrl: page.url(),
        status: response?.status() ?? null,
        html,
        screenshot: Buffer.from(screenshot),
        browserVersion: instance.version,
        timings: { navigationMs: Math.round(navigationMs), totalMs: Math.round(performance.now() - started) },
      };
    } catch (error) {
      this.counters.failed += 1;
      const timedOut =
        error instanceof RenderFailed ? error.timedOut : /timeout|timed out/i.test(String(error));
      // A browser that let a step time out is not trusted with the next store.
      if (timedOut && ready) this.retire(ready.instance);
      throw error instanceof RenderFailed
        ? error
        : new RenderFailed(`${url}: ${(error as Error).message}`, timedOut);
    } finally {
      if (ready) void this.discard(ready);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const resolve of this.waiting) resolve();
    this.waiting = [];
    const pending = this.ready.splice(0);
    await Promise.allSettled(pending);
    await Promise.allSettled([...this.instances].map((instance) => this.shutdown(instance)));
  }

  private async acquireSlot(): Promise<void> {
    while (this.busy >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy += 1;
  }

  private releaseSlot(): void {
    this.busy -= 1;
    this.waiting.shift()?.();
  }

  /** A fresh context and page, prepared ahead when possible; the pool then prepares the next one. */
  private async takeReady(): Promise<Ready> {
    const next = this.ready.shift() ?? this.prepare();
    const ready = await next.catch(() => this.prepare());
    if (!this.closed && this.ready.length < this.slots) this.ready.push(this.prepare());
    if (ready.instance.retiring && !this.closed) {
      void this.discard(ready);
      return this.prepare();
    }
    return ready;
  }

  private async prepare(): Promise<Ready> {
    const instance = await this.instance();
    instance.handedOut += 1;
    instance.inUse += 1;
    if (instance.handedOut >= this.pagesPerBrowser) this.retire(instance);
    try {
      const context = await step(instance.browser.createBrowserContext(), 10_000, 'creating a context');
      const page = await step(context.newPage(), 10_000, 'opening a page');
      await page.setUserAgent({ userAgent: this.options.userAgent });
      await page.setViewport(VIEWPORT);
      page.setDefaultTimeout(this.navigationTimeoutMs);
      if (this.options.publicAddressesOnly) {
        // A page's scripts could otherwise read the gateway's own network into the rendered evidence.
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          void urlIsPublic(request.url()).then((ok) =>
            (ok ? request.continue() : request.abort('addressunreachable')).catch(() => undefined),
          );
        });
      }
      return { instance, context, page };
    } catch (error) {
      instance.inUse -= 1;
      this.retire(instance);
      throw error;
    }
  }

  private async discard(ready: Ready): Promise<void> {
    await step(ready.context.close(), 5_000, 'closing a context').catch(() => this.retire(ready.instance));
    ready.instance.inUse -= 1;
    if (ready.instance.retiring && ready.instance.inUse <= 0) await this.shutdown(ready.instance);
  }

  private instance(): Promise<Instance> {
    this.current ??= this.launch().catch((error: unknown) => {
      this.current = undefined;
      throw error;
    });
    return this.current;
  }

  private async launch(): Promise<Instance> {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketgate-chromium-'));
    const browser = await puppeteer.launch({
      executablePath: this.options.executablePath,
      headless: true,
      userDataDir,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
      handleSIGINT: this.puppeteerSignals,
      handleSIGTERM: this.puppeteerSignals,
      handleSIGHUP: this.puppeteerSignals,
    });
    const instance: Instance = {
      browser,
      userDataDir,
      version: await browser.version(),
      pid: browser.process()?.pid,
      handedOut: 0,
      inUse: 0,
      retiring: false,
    };
    this.instances.add(instance);
    this.currentInstance = instance;
    this.counters.launched += 1;
    return instance;
  }

  private retire(instance: Instance): void {
    if (instance.retiring) return;
    instance.retiring = true;
    this.counters.retired += 1;
    if (this.currentInstance === instance) {
      this.current = undefined;
      this.currentInstance = undefined;
    }
    if (instance.inUse <= 0) void this.shutdown(instance);
  }

  private async shutdown(instance: Instance): Promise<void> {
    if (!this.instances.delete(instance)) return;
    await step(instance.browser.close(), 10_000, 'closing the browser').catch(() => {
      // A browser that will not close is killed: no Chromium outlives the pool.
      instance.browser.process()?.kill('SIGKILL');
    });
    fs.rmSync(instance.userDataDir, { recursive: true, force: true });
  }
}

/** Awaits `promise`, failing with RenderFailed(timedOut) after `ms`. */
async function step<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RenderFailed(`timed out ${what} after ${ms} ms`, true)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
