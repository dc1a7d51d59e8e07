/** Browser tests' set-up: the client (built once per run: client-once.ts), a real hub serving it, and Debian's Chromium. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../helpers/hub.js';
import type { TestUser } from '../helpers/users.js';
import { builtClient } from './client-once.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = path.resolve('test/e2e/screenshots');

export interface E2E {
  readonly hub: TestHub;
  readonly browser: Browser;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** Extra Chromium switches, e.g. `--host-resolver-rules=MAP kongjian.test 127.0.0.1`. */
  readonly chromiumArgs?: readonly string[];
  /** Extra environment for the hub, as `npm start` would read it (e.g. `UPLOAD_MAX_BYTES`, a short SCHEDULE_MIN_LEAD_MS). */
  readonly hubEnv?: Readonly<Record<string, string>>;
}

/**
 * One Chromium per worker and set of switches: the browser project does not isolate its files (vitest.config.ts),
 * so the next file in this worker opens its contexts in the browser the last one used instead of launching
 * another (about a second of a core each). A file's contexts are closed when it ends.
 */
const browsers = new Map<string, Promise<Browser>>();

function sharedBrowser(extraArgs: readonly string[]): Promise<Browser> {
  const key = extraArgs.join('\n');
  let browser = browsers.get(key);
  if (!browser) {
    browser = chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...extraArgs,
      ],
    });
    browsers.set(key, browser);
    // A launch that failed, or a browser that crashed, is launched afresh by the next file.
    browser.then(
      (b) => b.once('disconnected', () => browsers.delete(key)),
      () => browsers.delete(key),
    );
  }
  return browser;
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  const clientDir = await builtClient();
  const [hub, browser] = await Promise.all([
    startTestHub({ clientDir, ...(options.hubEnv ? { env: options.hubEnv } : {}) }),
    sharedBrowser(options.chromiumArgs ?? []),
  ]);
  await fs.mkdir(screenshotDir, { recursive: true });
  return {
    hub,
    browser,
    close: async () => {
      await Promise.all(browser.contexts().map((context) => context.close()));
      await hub.close();
    },
  };
}

export interface UserPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

export interface OpenOptions {
  /** The browser's language (navigator.languages, Accept-Language); the app follows it. Default en-US. */
  readonly locale?: string;
  /** Where the hub is reached, default its 127.0.0.1 URL. */
  readonly baseUrl?: string;
  /** Lets tests inject axe-core's source past the app's CSP (script-src 'self'). */
  readonly bypassCSP?: boolean;
}

/** A browser context signed in as `user` (the token in localStorage, as the app keeps it), at `path`. */
export async function openAs(
  e2e: E2E,
  user: TestUser,
  urlPath = '/',
  viewport = { width: 1200, height: 900 },
  options: OpenOptions = {},
): Promise<UserPage> {
  const context = await e2e.browser.newContext({ viewport, locale: options.locale ?? 'en-US', bypassCSP: options.bypassCSP ?? false });
  await context.addInitScript((token: string) => {
    if (!localStorage.getItem('kongjian.token')) localStorage.setItem('kongjian.token', token);
  }, user.token);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${user.handle}] page error:`, err.message));
  await page.goto((options.baseUrl ?? e2e.hub.url) + urlPath);
  await page.locator('kj-header').waitFor();
  // Live: the socket's handshake joined its rooms, so what another person does from here on arrives.
  await page.locator('kj-app[data-connection="online"]').waitFor({ state: 'attached' });
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}
