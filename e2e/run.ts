/**
 * End-to-end tests of the built playground in headless Chromium (Debian's chromium driven by
 * playwright-core). `npm test` builds first; this serves dist/ under /kubeplay/ (a sub-path, to
 * prove relative asset paths), runs the scenarios in order on one page, saves screenshots to
 * e2e/screenshots/, and exits non-zero with a clear message on the first failure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, run, screenshot, terminalText, waitFor } from './harness';
import { serveDist } from './static-server';

const DIST = join(import.meta.dirname, '..', 'dist');

interface Scenario {
  name: string;
  fn: (page: Page) => Promise<void>;
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

const scenarios: Scenario[] = [
  {
    name: 'the page loads and the terminal shows a prompt',
    async fn(page) {
      await waitFor('a shell prompt', async () => ((await terminalText(page)).includes('$') ? true : undefined));
      await screenshot(page, '01-loaded');
    },
  },
  {
    name: 'kubectl get nodes lists the default cluster',
    async fn(page) {
      const out = await run(page, 'kubectl get nodes');
      const lines = out.split('\n');
      assert(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/.test(lines[0]), `unexpected header: ${JSON.stringify(lines[0])}\n${out}`);
      assert(/^control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.5$/m.test(out), `no Ready control-plane row:\n${out}`);
      for (const n of ['node-1', 'node-2', 'node-3']) {
        assert(new RegExp(`^${n}\\s+Ready\\s+<none>\\s+\\S+\\s+v1\\.32\\.5$`, 'm').test(out), `no Ready ${n} row:\n${out}`);
      }
      await screenshot(page, '02-get-nodes');
    },
  },
  {
    name: 'kubectl run creates a pod that becomes Running at 60x speed',
    async fn(page) {
      const out = await run(page, 'kubectl run web --image=nginx');
      assert(out.trim() === 'pod/web created', `kubectl run printed ${JSON.stringify(out)}`);
      await page.getByRole('button', { name: '60x' }).click();
      await waitFor(
        'pod web to be Running',
        async () => {
          const pods = await run(page, 'kubectl get pods');
          return /^web\s+1\/1\s+Running\s+0\s+\S+$/m.test(pods) ? pods : undefined;
        },
        30_000,
        () => terminalText(page),
      );
      await page.getByRole('button', { name: '1x' }).click();
      await screenshot(page, '03-pod-running');
    },
  },
];

async function main(): Promise<number> {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.error('e2e: dist/index.html is missing; run `npm run build` first');
    return 1;
  }
  const server = await serveDist(DIST);
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  let failed = 0;
  try {
    await page.goto(server.url);
    for (const s of scenarios) {
      const t0 = Date.now();
      try {
        await s.fn(page);
        if (problems.length) throw new Error(problems.splice(0).join('\n'));
        console.log(`ok   ${s.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        const shot = await screenshot(page, `failure-${failed}`).catch(() => '(no screenshot)');
        console.error(`FAIL ${s.name}\n     ${(e instanceof Error ? e.message : String(e)).replace(/\n/g, '\n     ')}\n     screenshot: ${shot}`);
        break;
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (failed) {
    console.error(`e2e: ${failed} scenario(s) failed`);
    return 1;
  }
  console.log(`e2e: ${scenarios.length} scenarios passed`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('e2e: could not run:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
