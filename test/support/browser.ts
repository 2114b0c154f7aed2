import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's chromium, which `npm test` installs (scripts/bootstrap.sh). */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', '.artifacts', 'screenshots');

/** True when the browser is there; otherwise says once, on stderr, why the suite is skipped. */
export function browserAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) {
    return true;
  }
  process.stderr.write(
    `${suite} browser tests SKIPPED: ${CHROMIUM} is absent (Debian: apt-get install -y chromium; npm test installs it)\n`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects a page's script errors, console errors (a CSP refusal is one) and every URL it requests,
 * and accepts confirm() dialogs. 401/403 answers the test provokes on purpose are not errors.
 */
export function watchPage(page: Page, errors: string[], urls: string[] = []): Page {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on('request', (request) => urls.push(request.url()));
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

let axeSource: string | undefined;

/**
 * Runs axe-core in the page and returns its violations of impact serious or critical, one line
 * each (rule, impact, first offending element). The script goes in through the DevTools protocol,
 * which the page's Content-Security-Policy does not govern, so the CSP stays on for the test.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      target: v.nodes[0]?.target?.join(' ') ?? '',
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.target}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** Everything the page keeps in session and local storage, as one text to search. */
export function storedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const all: string[] = [];
    const { sessionStorage, localStorage } = globalThis as unknown as Record<string, BrowserStorage>;
    for (const storage of [sessionStorage, localStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? '';
        all.push(`${key}=${storage.getItem(key) ?? ''}`);
      }
    }
    return all.join('\n');
  });
}

interface BrowserStorage {
  length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

export interface Credentials {
  username: string;
  password: string;
}

/** Logs in through a web UI's own form at `url` and waits for the element `landmark` of its first page. */
export async function logInThroughForm(
  page: Page,
  url: string,
  user: Credentials,
  landmark: string,
): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(landmark).waitFor();
}

/** A fresh browser context the way a portal user has one (Dutch, downloads allowed), with a watched page. */
export async function portalPage(browser: Browser, errors: string[], urls: string[] = []): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    locale: 'nl-NL',
    acceptDownloads: true,
  });
  return watchPage(await context.newPage(), errors, urls);
}
