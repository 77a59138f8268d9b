/**
 * End-to-end scenarios of the playground's teaching features, run by run.ts after the others on
 * the same page: kubectl edit in the YAML editor, plain-language explanations, "Why?", rollouts,
 * traffic, faults, worker crash recovery, export/import and share links, time travel, the
 * control-plane view and offline use. Each scenario makes the objects it needs.
 */
import type { Page } from 'playwright-core';
import { run, screenshot, terminalText, waitFor } from './harness';

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Folds the lessons panel (if open) so that screenshots show the playground. */
async function hideLessons(page: Page): Promise<void> {
  const hide = page.getByRole('button', { name: 'Hide lessons' });
  if (await hide.isVisible().catch(() => false)) await hide.click();
}

async function showTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

export const FEATURE_SCENARIOS: { name: string; fn: (page: Page) => Promise<void>; expectedConsole?: RegExp }[] = [
  {
    name: 'kubectl edit opens the object in the YAML editor and Save and close patches it',
    async fn(page) {
      await hideLessons(page);
      await showTab(page, 'Terminal');
      await run(page, 'kubectl create configmap greeting --from-literal=message=hello');
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.type('kubectl edit configmap greeting');
      await page.keyboard.press('Enter');
      await page.getByTestId('edit-banner').waitFor({ timeout: 30_000 });
      const file = await page.getByTestId('editor-file').inputValue();
      assert(file === '/tmp/kubectl-edit-greeting.yaml', `the editor shows ${file}`);
      const word = page.locator('.monaco-editor .view-line span span', { hasText: /^hello$/ });
      await waitFor('the object in the editor', async () => ((await word.count()) === 1 ? true : undefined), 20_000);
      await word.dblclick();
      await page.keyboard.type('bonjour');
      await screenshot(page, 'f01-kubectl-edit');
      await page.keyboard.press('Control+S');
      await waitFor('the terminal tab and kubectl edit\'s answer', async () => {
        const text = await terminalText(page);
        return /\$ kubectl edit configmap greeting\nconfigmap\/greeting edited\n/.test(text) ? true : undefined;
      }, 15_000, () => terminalText(page));
      const value = await run(page, 'kubectl get configmap greeting -o yaml | grep message:');
      assert(value === '  message: bonjour', `the ConfigMap holds ${JSON.stringify(value)}`);
      // Ctrl-C while the editor waits: the editor lets go of the file.
      await page.keyboard.type('kubectl edit configmap greeting');
      await page.keyboard.press('Enter');
      await page.getByTestId('edit-banner').waitFor({ timeout: 15_000 });
      await showTab(page, 'Terminal');
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.press('Control+C');
      await waitFor('the edit to end', async () => ((await page.getByTestId('edit-banner').count()) === 0 ? true : undefined));
    },
  },
];
