/**
 * End-to-end tests of the built playground in headless Chromium (Debian's chromium driven by
 * playwright-core). `npm test` builds first; this serves dist/ under /kubeplay/ (a sub-path, to
 * prove relative asset paths), runs the scenarios in order on one page, saves screenshots to
 * e2e/screenshots/, and exits non-zero with a clear message on the first failure.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, podsShown, run, screenshot, setSpeed, terminalText, waitFor } from './harness';
import { serveDist } from './static-server';

const DIST = join(import.meta.dirname, '..', 'dist');

interface Scenario {
  name: string;
  fn: (page: Page) => Promise<void>;
  /** Console errors this scenario provokes on purpose. */
  expectedConsole?: RegExp;
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** The deployment the editor template creates: pods `web-<hash>-<suffix>`. */
const DEPLOYMENT_PODS = 'default-web-';

const scenarios: Scenario[] = [
  {
    name: 'the page loads and the terminal shows a prompt',
    async fn(page) {
      await waitFor('a shell prompt', async () => ((await terminalText(page)).includes('$ ') ? true : undefined));
      await screenshot(page, '01-loaded');
    },
  },
  {
    name: 'first paint comes fast and the Content-Security-Policy (no unsafe-eval) blocks inline scripts',
    expectedConsole: /Content Security Policy/,
    async fn(page) {
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
      assert(fcp > 0 && fcp < 1500, `first contentful paint at ${fcp} ms`);
      console.log(`     first contentful paint: ${Math.round(fcp)} ms`);
      const result = await page.evaluate(async () => {
        const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
        const violations: string[] = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__kubeplayInline = 1';
        document.body.appendChild(s);
        await new Promise((r) => setTimeout(r, 200));
        s.remove();
        return { csp, ran: 'kubeplayInline' in window || '__kubeplayInline' in window, violations };
      });
      assert(result.csp.includes("script-src 'self'") && !result.csp.includes('unsafe-eval'), `CSP is ${JSON.stringify(result.csp)}`);
      assert(!result.ran && result.violations.includes('script-src-elem'), `inline script was not blocked: ${JSON.stringify(result)}`);
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
    name: 'kubectl run creates a pod that becomes Running at 60x speed, in the terminal and the topology',
    async fn(page) {
      const out = await run(page, 'kubectl run web --image=nginx');
      assert(out.trim() === 'pod/web created', `kubectl run printed ${JSON.stringify(out)}`);
      await setSpeed(page, '60x');
      await waitFor(
        'pod web to be Running',
        async () => {
          const pods = await run(page, 'kubectl get pods');
          return /^web\s+1\/1\s+Running\s+0\s+\S+$/m.test(pods) ? pods : undefined;
        },
        30_000,
        () => terminalText(page),
      );
      await waitFor('the topology to draw pod web Running on a worker', async () => {
        const [p] = (await podsShown(page, 'default-web')).filter((x) => x.name === 'default-web');
        return p && p.status === 'Running' && /^node-\d+$/.test(p.node) ? p : undefined;
      });
      await setSpeed(page, '1x');
      await screenshot(page, '03-pod-running');
    },
  },
  {
    name: 'Up recalls the last command, and Ctrl-C stops a watch',
    async fn(page) {
      await page.locator('.xterm-helper-textarea').focus();
      const before = (await terminalText(page)).split('$ kubectl get pods').length;
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await waitFor('the recalled kubectl get pods to run again', async () =>
        (await terminalText(page)).split('$ kubectl get pods').length > before ? true : undefined,
      );
      await page.keyboard.type('kubectl get pods -w');
      await page.keyboard.press('Enter');
      await waitFor('the watch to list pod web', async () => (/\$ kubectl get pods -w\nNAME[^\n]*\nweb\s/.test(await terminalText(page)) ? true : undefined));
      await page.keyboard.press('Control+C');
      const text = await waitFor('a prompt after ^C', async () => {
        const t = await terminalText(page);
        return /\^C\n[^\n]*\$ $/.test(t) ? t : undefined;
      }, 15_000, () => terminalText(page));
      assert(text.includes('kubectl get pods -w'), 'watch not shown');
    },
  },
  {
    name: 'a Deployment applied from the YAML editor gets 3 Running pods',
    async fn(page) {
      await page.getByRole('tab', { name: 'YAML editor' }).click();
      await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('editor-template').selectOption('Deployment');
      await waitFor('the deployment template in the editor', async () =>
        (await page.getByTestId('editor-file').inputValue()).endsWith('/deployment.yaml') ? true : undefined,
      );
      await waitFor('the template text', async () => ((await page.locator('.monaco-editor .view-lines').textContent()) ?? '').includes('kind:') ? true : undefined);
      await page.getByRole('button', { name: 'Apply' }).click();
      const result = await waitFor('the apply result', async () => (await page.getByTestId('apply-result').textContent().catch(() => null)) ?? undefined);
      assert(result.includes('deployment.apps/web created'), `apply printed: ${result}`);
      await setSpeed(page, '60x');
      await waitFor(
        '3 Running pods of the deployment in the topology',
        async () => {
          const pods = (await podsShown(page, DEPLOYMENT_PODS)).filter((p) => p.status === 'Running');
          return pods.length === 3 ? pods : undefined;
        },
        30_000,
        async () => JSON.stringify(await podsShown(page, DEPLOYMENT_PODS)),
      );
      await setSpeed(page, '1x');
      assert((await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').count()) === 0, 'the template has validation problems');
      await screenshot(page, '04-editor-apply');
      await page.getByRole('tab', { name: 'Terminal' }).click();
    },
  },
  {
    name: 'the editor validates a file written in the terminal against the bundled Kubernetes schema',
    async fn(page) {
      await run(page, "printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: typo\\nspec:\\n  replica: 3\\n' > typo.yaml");
      await page.getByRole('tab', { name: 'YAML editor' }).click();
      await waitFor('typo.yaml in the file list', async () =>
        (await page.getByTestId('editor-file').locator('option', { hasText: 'typo.yaml' }).count()) > 0 ? true : undefined,
      );
      await page.getByTestId('editor-file').selectOption({ label: 'typo.yaml' });
      // monaco-yaml reports schema violations as warnings.
      const squiggles = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error');
      await waitFor('a validation squiggle', async () => ((await squiggles.count()) > 0 ? true : undefined), 20_000);
      await page.locator('.monaco-editor .view-line span span', { hasText: /^replica$/ }).hover();
      await waitFor('the hover to name the unknown field', async () => {
        const t = (await page.locator('.monaco-hover').allTextContents()).join(' ');
        return /replica/.test(t) && /not allowed/i.test(t) ? t : undefined;
      }, 10_000, async () => (await page.locator('.monaco-hover').allTextContents()).join(' '));
      await screenshot(page, '04b-editor-validation');
      await page.getByRole('tab', { name: 'Terminal' }).click();
    },
  },
  {
    name: 'failing a node from the inspector moves its pods to the other nodes',
    async fn(page) {
      const before = (await podsShown(page, DEPLOYMENT_PODS)).filter((p) => p.status === 'Running');
      const counts = new Map<string, number>();
      for (const p of before) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
      const victim = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      await page.locator(`[data-testid="node-${victim}"] rect`).click();
      await page.getByTestId('inspector').waitFor();
      await page.getByRole('button', { name: 'Fail node' }).click();
      await setSpeed(page, '60x');
      await waitFor(
        `${victim} to be NotReady`,
        async () => ((await page.locator(`[data-testid="node-${victim}"]`).getAttribute('class')) ?? '').includes('not-ready') ? true : undefined,
        30_000,
      );
      await screenshot(page, '05a-node-failed');
      const moved = await waitFor(
        `3 Running deployment pods on nodes other than ${victim}`,
        async () => {
          const pods = (await podsShown(page, DEPLOYMENT_PODS)).filter((p) => p.status === 'Running' && p.node !== victim);
          return pods.length >= 3 ? pods : undefined;
        },
        60_000,
        async () => JSON.stringify(await podsShown(page, DEPLOYMENT_PODS)),
      );
      assert(moved.every((p) => p.node !== victim), 'a pod is still on the failed node');
      await setSpeed(page, '1x');
      await screenshot(page, '05b-pods-moved');
      await page.getByRole('button', { name: 'Bring node back' }).click();
    },
  },
  {
    name: 'pause stops the clock, step runs to the next moment and names what happened, add node joins a node',
    async fn(page) {
      await page.getByTestId('play-pause').click();
      await waitFor('the clock to pause', async () => ((await page.getByTestId('sim-time').textContent()) ?? '').includes('paused') ? true : undefined);
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      const step = await waitFor('a step summary', async () => (await page.getByTestId('last-step').textContent().catch(() => null)) ?? undefined);
      assert(step !== 'nothing was due', 'a step of a running cluster found nothing to do');
      console.log(`     step: ${step}`);
      await page.getByRole('button', { name: 'Add node', exact: true }).click();
      await page.getByTestId('play-pause').click();
      await setSpeed(page, '60x');
      await waitFor('node-4 to be Ready in the topology', async () => {
        const cls = await page.locator('[data-testid="node-node-4"]').getAttribute('class', { timeout: 1000 }).catch(() => null);
        return cls !== null && !cls.includes('not-ready') ? true : undefined;
      }, 30_000);
      await setSpeed(page, '1x');
      await screenshot(page, '06-node-added');
    },
  },
  {
    name: 'killing a pod from the inspector gets it replaced by its ReplicaSet',
    async fn(page) {
      const [victim] = (await podsShown(page, DEPLOYMENT_PODS)).filter((p) => p.status === 'Running');
      assert(victim, 'no running deployment pod to kill');
      await page.locator(`[data-testid="pod-${victim.name}"]`).dispatchEvent('click');
      await page.getByRole('button', { name: 'Kill pod' }).click();
      await setSpeed(page, '60x');
      await waitFor(
        'a replacement pod and the killed one gone',
        async () => {
          const pods = await podsShown(page, DEPLOYMENT_PODS);
          const running = pods.filter((p) => p.status === 'Running');
          return running.length === 3 && !pods.some((p) => p.name === victim.name) ? true : undefined;
        },
        30_000,
        async () => JSON.stringify(await podsShown(page, DEPLOYMENT_PODS)),
      );
      await setSpeed(page, '1x');
    },
  },
  {
    name: 'after a reload the cluster is intact',
    async fn(page) {
      const before = await run(page, 'kubectl get deployment web');
      await page.reload();
      await page.getByTestId('restored').waitFor({ timeout: 60_000 });
      await waitFor('a shell prompt', async () => ((await terminalText(page)).includes('$ ') ? true : undefined));
      const after = await run(page, 'kubectl get deployment web');
      const row = (s: string) => s.split('\n')[1]?.replace(/\s+\S+$/, '');
      assert(row(after) === row(before), `deployment differs after reload:\nbefore: ${before}\nafter: ${after}`);
      const pods = await run(page, 'kubectl get pod web');
      assert(/^web\s+1\/1\s+Running/m.test(pods), `pod web after reload:\n${pods}`);
      await screenshot(page, '07-after-reload');
    },
  },
  {
    name: 'the language switches to Chinese and back, kubectl output unchanged',
    async fn(page) {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
      await page.getByRole('tab', { name: '终端' }).waitFor();
      const html = await page.evaluate(() => document.documentElement.lang);
      assert(html === 'zh-CN', `html lang is ${html}`);
      const out = await run(page, 'kubectl get deployment web');
      assert(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/.test(out.split('\n')[0]), `kubectl output changed:\n${out}`);
      await screenshot(page, '08-chinese');
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('tab', { name: 'Terminal' }).waitFor();
    },
  },
  ...(await import('./lessons')).LESSON_SCENARIOS,
  ...(await import('./features')).FEATURE_SCENARIOS,
];

/**
 * `E2E_ONLY=edit,traffic` runs the first scenario (the page loads) and those whose names contain
 * one of the words: for working on one feature. `npm test` runs them all.
 */
const only = process.env.E2E_ONLY?.split(',').filter(Boolean);
const selected = only ? scenarios.filter((s, i) => i === 0 || only.some((w) => s.name.includes(w))) : scenarios;

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
  let expected: RegExp | undefined;
  page.on('console', (m) => {
    if (m.type() !== 'error' || expected?.test(m.text())) return;
    problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  let failed = 0;
  try {
    await page.goto(server.url);
    for (const s of selected) {
      const t0 = Date.now();
      expected = s.expectedConsole;
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
  console.log(`e2e: ${selected.length} scenarios passed`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error('e2e: could not run:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
