/**
 * End-to-end scenarios of the lessons panel (src/ui/panels/lessons), run by run.ts after its own
 * on the same page: the landing invitation, then lesson 2 completed with "Run it" on every step,
 * each step seen complete (checks on the browser's mirror), the recap, and the panel in Chinese.
 */
import type { Page } from 'playwright-core';
import { outputOf, screenshot, setSpeed, terminalText, waitFor } from './harness';

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

async function stepShown(page: Page): Promise<{ step: string; done: string }> {
  const el = page.getByTestId('lesson-step');
  return { step: (await el.getAttribute('data-step')) ?? '', done: (await el.getAttribute('data-done')) ?? '' };
}

/** Clicks "Run it" and waits for the last hint line to have run (its output and a new prompt). */
async function runIt(page: Page, lastLine: string, timeoutMs = 30_000): Promise<string> {
  const before = (await terminalText(page)).split(`$ ${lastLine}`).length;
  await page.getByTestId('run-it').click();
  return waitFor(
    `\`${lastLine}\` to run in the terminal`,
    async () => {
      const text = await terminalText(page);
      if (text.split(`$ ${lastLine}`).length <= before) return undefined;
      return outputOf(text, lastLine);
    },
    timeoutMs,
    () => terminalText(page),
  );
}

async function waitDone(page: Page, step: number): Promise<void> {
  await waitFor(
    `step ${step} to complete`,
    async () => {
      const s = await stepShown(page);
      return s.step === String(step) && s.done === 'true' ? true : undefined;
    },
    30_000,
    async () => `${JSON.stringify(await stepShown(page))}\n${await terminalText(page)}`,
  );
}

async function next(page: Page, toStep: number | 'recap'): Promise<void> {
  await page.getByTestId('lesson-next').click();
  if (toStep === 'recap') await page.getByTestId('lesson-recap').waitFor();
  else await waitFor(`step ${toStep}`, async () => ((await stepShown(page)).step === String(toStep) ? true : undefined));
}

export const LESSON_SCENARIOS = [
  {
    name: 'lessons: a first-time visitor is invited to start lesson 1',
    async fn(page: Page) {
      const welcome = page.getByTestId('lesson-welcome');
      await welcome.waitFor();
      assert(await welcome.getByRole('button', { name: 'Start lesson 1' }).isVisible(), 'no "Start lesson 1" button');
      const cards = await page.locator('.lesson-card h3').allTextContents();
      assert(cards.length === 11 && cards[0] === 'What is Kubernetes? A tour of the cluster', `lesson list: ${JSON.stringify(cards)}`);
      await screenshot(page, 'lessons-01-welcome');
    },
  },
  {
    name: 'lessons: lesson 2 completes step by step with "Run it", checks passing on the mirror',
    async fn(page: Page) {
      // The earlier scenarios left objects in the cluster: starting a lesson asks first.
      let asked = '';
      page.once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await page.getByRole('button', { name: 'Start: Deploy an application' }).click();
      await page.locator('[data-testid="lesson"][data-lesson="first-deployment"]').waitFor();
      assert(asked.includes('fresh one'), `no confirmation before replacing the cluster (dialog: ${JSON.stringify(asked)})`);
      await waitFor('step 1', async () => ((await stepShown(page)).step === '1' ? true : undefined));
      await waitFor('the fresh cluster (old pods gone)', async () =>
        (await page.locator('[data-testid^="pod-default-big-"]').count()) === 0 ? true : undefined,
      );
      await setSpeed(page, '10x');

      // A chip types its text at the prompt; "Run it" replaces the line with the hint.
      await page.locator('.lesson-text .chip', { hasText: 'nginx:1.27' }).click();
      await waitFor('the chip text at the prompt', async () => ((await terminalText(page)).endsWith('$ nginx:1.27') ? true : undefined));
      await page.getByRole('button', { name: 'Show me' }).click();
      const hint = await page.getByTestId('lesson-hint').textContent();
      assert(hint?.includes('kubectl create deployment web --image=nginx:1.27 --replicas=3'), `hint: ${hint}`);
      const created = await runIt(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
      assert(created.trim() === 'deployment.apps/web created', `step 1 printed ${JSON.stringify(created)}`);
      assert(!(await terminalText(page)).includes('nginx:1.27kubectl'), 'Run it did not clear the typed chip');
      await waitDone(page, 1);
      await next(page, 2);

      const rolled = await runIt(page, 'kubectl rollout status deployment/web');
      assert(rolled.endsWith('deployment "web" successfully rolled out'), `rollout status printed:\n${rolled}`);
      await waitDone(page, 2);
      await screenshot(page, 'lessons-02-step-done');
      await next(page, 3);

      const chain = await runIt(page, 'kubectl get deployment,replicaset,pods -l app=web -o wide');
      assert(/^deployment\.apps\/web\s+3\/3\s+3\s+3\s/m.test(chain), `step 3 printed:\n${chain}`);
      assert((chain.match(/^pod\/web-\S+\s+1\/1\s+Running\s/gm) ?? []).length === 3, `step 3 printed:\n${chain}`);
      await next(page, 4);

      const story = await runIt(page, 'kubectl describe pods -l app=web');
      assert((story.match(/Successfully assigned default\/web-\S+ to node-\d/g) ?? []).length === 3, `step 4 printed:\n${story}`);
      await next(page, 'recap');
      const recap = (await page.getByTestId('lesson-recap').textContent()) ?? '';
      assert(recap.includes('You never started a container yourself'), `recap: ${recap}`);
      assert((await page.locator('.step-dots li.done').count()) === 4, 'not every step dot is marked done');
      await setSpeed(page, '1x');
      await screenshot(page, 'lessons-03-recap');
    },
  },
  {
    name: 'lessons: the panel follows the language setting, lesson text included',
    async fn(page: Page) {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
      await page.getByText('课程完成').waitFor();
      const recap = (await page.getByTestId('lesson-recap').textContent()) ?? '';
      assert(recap.includes('你从未亲自启动容器'), `Chinese recap: ${recap}`);
      await page.getByRole('button', { name: '全部课程' }).first().click();
      await page.getByTestId('lesson-first-deployment').getByText('已完成').waitFor();
      await screenshot(page, 'lessons-04-chinese-list');
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('button', { name: 'Again: Deploy an application' }).waitFor();
    },
  },
];
