/**
 * Helpers for the browser tests: launching Debian's chromium through playwright-core, reading
 * the terminal, typing commands, and waiting on conditions (never on fixed sleeps).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Everything the terminal shows, scrollback included, one string. */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const hook = window.kubeplay?.terminalText;
    return typeof hook === 'function' ? String(hook()) : '';
  });
}

/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` with
 * `what` and the last state in the message.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  describe?: () => Promise<string>,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) {
      const state = describe ? `\n--- state ---\n${await describe()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A shell prompt at the start of a line: `learner@control-plane:~$ ` (or a bare `$ `). */
export const PROMPT = /^(?:[\w.-]+@[\w.-]+:[^$\n]*)?\$ /m;

/** Output after the last echo of `$ command` in the terminal, up to the next prompt. */
export function outputOf(text: string, command: string): string | undefined {
  const marker = `$ ${command}`;
  const at = text.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = text.slice(at + marker.length).replace(/^\n/, '');
  const next = rest.search(PROMPT);
  if (next < 0) return undefined; // the command has not finished (no new prompt yet)
  return rest.slice(0, next).replace(/\n$/, '');
}

/** Types a command in the terminal and waits for its output (the next prompt). */
export async function run(page: Page, command: string, timeoutMs = 15_000): Promise<string> {
  await page.locator('.xterm-helper-textarea').focus();
  const before = await terminalText(page);
  const seen = before.split(`$ ${command}`).length;
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  return waitFor(
    `the output of \`${command}\``,
    async () => {
      const text = await terminalText(page);
      if (text.split(`$ ${command}`).length <= seen) return undefined;
      return outputOf(text, command);
    },
    timeoutMs,
    () => terminalText(page),
  );
}

export interface PodOnScreen {
  name: string;
  status: string;
  node: string;
}

/** Pods the topology draws whose test id starts with `pod-<prefix>`, with status and node. */
export async function podsShown(page: Page, prefix: string): Promise<PodOnScreen[]> {
  return page.evaluate((pre) => {
    const out: { name: string; status: string; node: string }[] = [];
    for (const el of document.querySelectorAll(`[data-testid^="pod-${pre}"]`)) {
      out.push({
        name: (el.getAttribute('data-testid') ?? '').slice('pod-'.length),
        status: el.getAttribute('data-status') ?? '',
        node: el.getAttribute('data-node') ?? '',
      });
    }
    return out;
  }, prefix);
}

export async function setSpeed(page: Page, speed: string, timeoutMs = 15_000): Promise<void> {
  await page.getByRole('button', { name: speed, exact: true }).click({ timeout: timeoutMs });
  await waitFor(
    `speed ${speed} to be active`,
    async () => ((await page.getByRole('button', { name: speed, exact: true }).getAttribute('aria-pressed')) === 'true' ? true : undefined),
    timeoutMs,
  );
}
