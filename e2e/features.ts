/**
 * End-to-end scenarios of the playground's teaching features, run by run.ts after the others on
 * the same page: kubectl edit in the YAML editor, plain-language explanations, "Why?", rollouts,
 * traffic, faults, worker crash recovery, export/import and share links, time travel, the
 * control-plane view and offline use. Each scenario makes the objects it needs.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { podsShown, run, screenshot, setSpeed, terminalText, waitFor } from './harness';

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
  {
    name: 'plain-language explanations under a kubectl error and for a pod in ImagePullBackOff, in English and Chinese',
    async fn(page) {
      await hideLessons(page);
      await showTab(page, 'Terminal');
      await run(page, 'kubectl create deployment hello --image=nginx');
      const out = await run(page, 'kubectl get deployment helo');
      assert(out === 'Error from server (NotFound): deployments.apps "helo" not found', `kubectl printed ${JSON.stringify(out)}`);
      const hint = page.getByTestId('hint');
      await waitFor('the explanation under the terminal', async () => ((await hint.getAttribute('data-code').catch(() => null)) === 'NotFoundTypo' ? true : undefined));
      const text = (await hint.textContent()) ?? '';
      assert(text.includes('Did you mean "hello"?') && text.includes('kubectl get deployment hello'), `the explanation says ${text}`);
      assert(!(await terminalText(page)).includes('Did you mean'), 'the explanation went into the terminal text');
      await screenshot(page, 'f02a-hint-typo');
      // The suggested command is typed (not run) at the prompt.
      await page.getByTestId('hint-try').click();
      await waitFor('the suggestion at the prompt', async () => ((await terminalText(page)).endsWith('$ kubectl get deployment hello') ? true : undefined));
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.press('Control+U');

      await run(page, 'kubectl run broken --image=nginx:1.161');
      await setSpeed(page, '60x');
      await waitFor('pod broken in an image pull error', async () => {
        const [p] = await podsShown(page, 'default-broken');
        return p && /ImagePull|ErrImage/.test(p.status) ? p : undefined;
      }, 30_000, async () => JSON.stringify(await podsShown(page, 'default-broken')));
      await setSpeed(page, '1x');
      await page.locator('[data-testid="pod-default-broken"]').dispatchEvent('click');
      const inspectorHint = page.getByTestId('inspector-hints').getByTestId('hint');
      await waitFor('the explanation in the inspector', async () => ((await inspectorHint.getAttribute('data-code').catch(() => null)) === 'ImagePull' ? true : undefined));
      const says = (await inspectorHint.textContent()) ?? '';
      assert(says.includes("nginx:1.161") && says.includes("kubectl describe pod broken"), `the inspector explains: ${says}`);
      await run(page, 'kubectl get pods broken');
      await waitFor('the ImagePull explanation under the terminal', async () =>
        (await page.locator('.terminal-wrap [data-testid="hint"]').getAttribute('data-code').catch(() => null)) === 'ImagePull' ? true : undefined,
      );
      await screenshot(page, 'f02b-hint-image-pull');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
      await waitFor('the explanation in Chinese', async () => (((await inspectorHint.textContent()) ?? '').includes('Pod broken 拉取不到镜像') ? true : undefined));
      await screenshot(page, 'f02c-hint-chinese');
      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await run(page, 'kubectl delete pod broken --now');
    },
  },
  {
    name: 'Why? shows a pod\'s causal chain: Deployment, ReplicaSet revision, pod, the scheduler\'s verdict per node, kubelet events',
    async fn(page) {
      await hideLessons(page);
      await run(page, 'kubectl create deployment why-demo --image=nginx:1.26 --replicas=2');
      await setSpeed(page, '60x');
      const [pod] = await waitFor('2 Running why-demo pods', async () => {
        const pods = (await podsShown(page, 'default-why-demo-')).filter((p) => p.status === 'Running');
        return pods.length === 2 ? pods : undefined;
      }, 30_000);
      await setSpeed(page, '1x');
      await page.locator(`[data-testid="pod-${pod.name}"]`).dispatchEvent('click');
      // Give the inspector room: the separator between topology and inspector moves up.
      await page.getByRole('separator', { name: 'Resize the topology and the events' }).press('Home');
      await page.getByTestId('inspector').getByRole('tab', { name: 'Why?' }).click();
      const why = page.getByTestId('why');
      await waitFor('the chain', async () => ((await why.locator('.why-step').count()) >= 4 ? true : undefined));
      const steps = await why.locator('.why-step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}: ${e.textContent}`));
      assert(steps[0].startsWith('Deployment: Deployment why-demo') && steps[0].includes('created by you (kubectl)'), `first step: ${steps[0]}`);
      assert(steps[1].startsWith('ReplicaSet:') && steps[1].includes('revision 1') && steps[1].includes('Scaled up replica set'), `second step: ${steps[1]}`);
      assert(steps[2].startsWith('Pod:') && steps[2].includes('SuccessfulCreate'), `third step: ${steps[2]}`);
      assert(steps[3].startsWith('scheduling:') && steps[3].includes(`bound to ${pod.node}`), `scheduling: ${steps[3]}`);
      const rows = await page.getByTestId('why-nodes').locator('tbody tr').allTextContents();
      assert(rows[0].startsWith(`${pod.node}✓ chosen`), `first node row: ${rows[0]}`);
      assert(rows.some((r) => r.startsWith('control-plane✗ filtered out by TaintToleration')), `rows: ${rows.join(' | ')}`);
      assert(steps[4]?.startsWith('kubelet:') && steps[4].includes('Started'), `kubelet: ${steps[4]}`);
      await screenshot(page, 'f03-why');
      await why.locator('.why-step[data-kind="ReplicaSet"] button').click();
      await waitFor('the ReplicaSet selected', async () => (((await page.getByTestId('inspector').locator('h2').textContent()) ?? '').startsWith('ReplicaSet') ? true : undefined));
      await page.getByRole('separator', { name: 'Resize the topology and the events' }).press('End');
    },
  },
  {
    name: 'a rollout shows ReplicaSet revisions side by side, and rollout undo switches back to the old ReplicaSet',
    async fn(page) {
      await hideLessons(page);
      await run(page, 'kubectl create deployment roll-demo --image=nginx:1.26 --replicas=3');
      await setSpeed(page, '60x');
      const [pod] = await waitFor('3 Running roll-demo pods', async () => {
        const pods = (await podsShown(page, 'default-roll-demo-')).filter((p) => p.status === 'Running');
        return pods.length === 3 ? pods : undefined;
      }, 30_000);
      await setSpeed(page, '1x');
      await page.locator(`[data-testid="pod-${pod.name}"]`).dispatchEvent('click');
      await page.getByRole('separator', { name: 'Resize the topology and the events' }).press('Home');
      const inspector = page.getByTestId('inspector');
      await inspector.getByRole('tab', { name: 'Why?' }).click();
      await page.getByTestId('why').locator('.why-step[data-kind="Deployment"] button').click();
      await inspector.getByRole('tab', { name: 'Rollout' }).click();
      const first = page.getByTestId('revision-1');
      await first.waitFor();
      const oldHash = await first.getAttribute('data-hash');
      await run(page, 'kubectl set image deployment/roll-demo nginx=nginx:1.27');
      await waitFor('revision 2 growing beside revision 1', async () => {
        const cls = (await page.getByTestId('revision-2').getAttribute('class', { timeout: 500 }).catch(() => null)) ?? '';
        const oldCls = (await first.getAttribute('class')) ?? '';
        return cls.includes('current') && cls.includes('growing') && oldCls.includes('shrinking') ? true : undefined;
      }, 20_000);
      await screenshot(page, 'f04a-rollout-in-progress');
      await setSpeed(page, '60x');
      await waitFor('revision 2 complete, revision 1 empty', async () => {
        const r2 = (await page.getByTestId('revision-2').textContent()) ?? '';
        const r1dots = await first.locator('.dot').count();
        return r2.includes('3/3 ready') && r1dots === 0 ? true : undefined;
      }, 30_000);
      await page.getByTestId('rollout-undo').click();
      const back = page.getByTestId('revision-3');
      await waitFor('the old ReplicaSet back as revision 3 with 3 ready pods', async () => {
        const hash = await back.getAttribute('data-hash', { timeout: 500 }).catch(() => null);
        const text = (await back.textContent().catch(() => null)) ?? '';
        return hash === oldHash && text.includes('was revision 1') && text.includes('3/3 ready') ? true : undefined;
      }, 30_000);
      await setSpeed(page, '1x');
      const out = await terminalText(page);
      assert(out.includes('deployment.apps/roll-demo rolled back'), 'kubectl rollout undo did not run in the terminal');
      await screenshot(page, 'f04b-rollout-undone');
      await page.getByRole('separator', { name: 'Resize the topology and the events' }).press('End');
    },
  },
  {
    name: 'traffic to a Service pulses along its links and shows the spread over its pods',
    async fn(page) {
      await hideLessons(page);
      await run(page, 'kubectl create deployment traffic-demo --image=nginx --replicas=3');
      await run(page, 'kubectl expose deployment traffic-demo --port=80');
      await setSpeed(page, '60x');
      await waitFor('3 Running traffic-demo pods', async () => {
        const pods = (await podsShown(page, 'default-traffic-demo-')).filter((p) => p.status === 'Running');
        return pods.length === 3 ? pods : undefined;
      }, 30_000);
      await setSpeed(page, '1x');
      await page.getByTestId('service-default-traffic-demo').dispatchEvent('click');
      await page.getByTestId('inspector').getByRole('tab', { name: 'Traffic' }).click();
      await page.getByTestId('traffic-rate').selectOption('20');
      await page.getByTestId('traffic-duration').selectOption('0');
      await page.getByTestId('traffic-start').click();
      await waitFor('pulses in flight', async () => (Number(await page.getByTestId('pulses').getAttribute('data-count')) > 5 ? true : undefined));
      const rows = await waitFor('requests answered by all 3 pods', async () => {
        const r = await page.getByTestId('traffic-overlay').locator('tr').allTextContents().catch(() => []);
        return r.length === 3 && r.every((x) => x.startsWith('traffic-demo-')) ? r : undefined;
      });
      await screenshot(page, 'f05-traffic');
      const summary = (await page.getByTestId('traffic-spread').locator('.traffic-title').textContent()) ?? '';
      assert(/20 req\/s, \d+ sent, 0 failed/.test(summary), `summary: ${summary}`);
      console.log(`     spread: ${rows.join(' | ')}`);
      await page.getByTestId('traffic-stop').click();
      await waitFor('the traffic to stop', async () => ((await page.getByTestId('traffic-overlay').textContent())?.includes('sending') ? undefined : true));
    },
  },
  {
    name: 'fault buttons in the inspector crash a container and break image pulls until fixed',
    async fn(page) {
      await hideLessons(page);
      await run(page, 'kubectl run crashy --image=nginx');
      await setSpeed(page, '60x');
      await waitFor('pod crashy Running', async () => ((await podsShown(page, 'default-crashy'))[0]?.status === 'Running' ? true : undefined), 30_000);
      await setSpeed(page, '1x');
      await page.locator('[data-testid="pod-default-crashy"]').dispatchEvent('click');
      await page.getByRole('button', { name: 'Crash container' }).click();
      await setSpeed(page, '60x');
      await waitFor('crashy restarted once', async () => {
        const out = await run(page, 'kubectl get pod crashy');
        return /^crashy\s+1\/1\s+Running\s+1 \(\S+ ago\)\s+\S+$/m.test(out) ? out : undefined;
      }, 30_000);
      await setSpeed(page, '1x');
      await page.getByTestId('fault-kind').selectOption('unauthorized');
      await page.getByTestId('fault-pull').click();
      await page.getByTestId('fault-clear').waitFor();
      await run(page, 'kubectl run victim --image=nginx');
      await setSpeed(page, '60x');
      await waitFor('pod victim unable to pull nginx', async () => {
        const [p] = await podsShown(page, 'default-victim');
        return p && /ErrImagePull|ImagePullBackOff/.test(p.status) ? true : undefined;
      }, 30_000, async () => JSON.stringify(await podsShown(page, 'default-victim')));
      await setSpeed(page, '1x');
      const events = await run(page, 'kubectl get events --field-selector involvedObject.name=victim | grep Failed | head -1');
      assert(/Failed to pull image "nginx"/.test(events) && /authorization failed/.test(events), `the pull failure: ${events}`);
      await page.locator('[data-testid="pod-default-victim"]').dispatchEvent('click');
      await waitFor('the explanation of the pull failure', async () =>
        (await page.getByTestId('inspector-hints').getByTestId('hint').getAttribute('data-code').catch(() => null)) === 'ImagePullAccess' ? true : undefined,
      );
      await screenshot(page, 'f06-faults');
      await page.getByTestId('fault-clear').click();
      await setSpeed(page, '60x');
      await waitFor('pod victim Running once pulls work again', async () => ((await podsShown(page, 'default-victim'))[0]?.status === 'Running' ? true : undefined), 60_000);
      await setSpeed(page, '1x');
    },
  },
  {
    name: 'when the engine worker dies, the UI says so and restarts it from the saved session, losing nothing acknowledged',
    expectedConsole: /the engine worker stopped/,
    async fn(page) {
      await hideLessons(page);
      const made = await run(page, 'kubectl create configmap before-crash --from-literal=saved=yes');
      assert(made === 'configmap/before-crash created', `kubectl printed ${made}`);
      const worker = page.workers().find((w) => /server/.test(w.url()));
      assert(worker, `no engine worker among ${page.workers().map((w) => w.url()).join(', ')}`);
      // The worker ends itself, as a crash would: no goodbye message reaches the page.
      await worker.evaluate('self.close()').catch(() => undefined);
      const notice = page.getByTestId('engine-notice');
      await waitFor('the restart to be reported', async () => ((await notice.getAttribute('data-state').catch(() => null)) === 'restarted' ? true : undefined), 30_000);
      const text = (await notice.textContent()) ?? '';
      assert(/session restored \(\d+ actions replayed\)/.test(text), `the notice says ${text}`);
      await waitFor('a prompt from the restarted shell', async () => ((await terminalText(page)).endsWith('$ ') ? true : undefined));
      await screenshot(page, 'f07-worker-restarted');
      const after = await run(page, 'kubectl get configmap before-crash -o yaml | grep saved:');
      assert(after === '  saved: "yes"', `after the restart: ${JSON.stringify(after)}`);
      await notice.getByRole('button', { name: 'Dismiss' }).click();
    },
  },
  {
    name: 'the session exports to a file and imports back, and a share link applies its manifests after the learner confirms',
    async fn(page) {
      await hideLessons(page);
      await run(page, 'kubectl create configmap in-file --from-literal=from=file');
      await page.getByTestId('session-menu').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('session-export').click()]);
      const file = join(tmpdir(), `kubeplay-e2e-${process.pid}.json`);
      await download.saveAs(file);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: number; entries: { op: string; input?: string }[] };
      assert(saved.version === 1 && saved.entries.some((e) => e.input?.includes('in-file')), 'the exported session lacks the ConfigMap');

      await run(page, 'kubectl create deployment in-link --image=nginx:1.27 --replicas=2');
      await page.getByTestId('session-menu').click();
      await page.getByTestId('session-share').click();
      const linkBox = page.getByTestId('share-link');
      const link = await waitFor('the share link', async () => {
        const v = await linkBox.inputValue().catch(() => '');
        return v.includes('#share=') ? v : undefined;
      });
      await page.getByTestId('share-dialog').getByRole('button', { name: 'Close' }).click();

      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await waitFor('a fresh cluster', async () => ((await run(page, 'kubectl get configmaps')).includes('in-file') ? undefined : true));
      await page.goto(link);
      const dialog = page.getByTestId('share-import');
      await dialog.getByTestId('share-objects').waitFor({ timeout: 30_000 });
      const objects = await dialog.getByTestId('share-objects').locator('li').allTextContents();
      // Earlier scenarios made more objects; these two must be among them, pods of controllers never.
      assert(objects.includes('ConfigMap default/in-file') && objects.includes('Deployment default/in-link'), `the link lists ${JSON.stringify(objects)}`);
      assert(!objects.some((o) => /^(Pod|ReplicaSet) default\/in-link-/.test(o)), `the link lists controller-owned objects: ${JSON.stringify(objects)}`);
      assert(!page.url().includes('#share='), 'the link stays in the address bar');
      await screenshot(page, 'f08a-share-link');
      await page.getByTestId('share-apply').click();
      await waitFor('kubectl apply of the shared manifests', async () => {
        const text = await terminalText(page);
        const out = text.slice(text.lastIndexOf('$ kubectl apply -f shared-scenario.yaml'));
        return /\nconfigmap\/in-file created\n/.test(out) && /\ndeployment.apps\/in-link created\n/.test(out) ? true : undefined;
      }, 20_000, () => terminalText(page));

      page.once('dialog', (d) => void d.accept());
      await page.getByTestId('session-file').setInputFiles(file);
      await waitFor('the imported session', async () => {
        const out = await run(page, 'kubectl get configmap,deployment');
        return out.includes('configmap/in-file') && !out.includes('in-link') ? out : undefined;
      }, 30_000);
      await screenshot(page, 'f08b-imported');

      await page.goto(link.replace(/#share=.*/, '#share=AAAA'));
      await page.getByTestId('share-error').waitFor({ timeout: 30_000 });
      const why = (await page.getByTestId('share-error').textContent()) ?? '';
      assert(why.includes('the link is damaged'), `a damaged link says ${why}`);
      await page.getByTestId('share-import').getByRole('button', { name: 'Close' }).click();
    },
  },
  {
    name: 'the timeline rewinds the cluster to before a scale-up and Play replays it',
    async fn(page) {
      await hideLessons(page);
      await run(page, 'kubectl create deployment tt --image=nginx:1.26');
      await setSpeed(page, '60x');
      const running = async (n: number) => ((await podsShown(page, 'default-tt-')).filter((p) => p.status === 'Running').length === n ? true : undefined);
      await waitFor('1 Running tt pod', () => running(1), 30_000);
      await run(page, 'kubectl scale deployment tt --replicas=3');
      await waitFor('3 Running tt pods', () => running(3), 30_000);
      await setSpeed(page, '1x');
      await page.getByTestId('timeline-toggle').click();
      const mark = page.getByTestId('timeline').locator('.mark[title$="kubectl scale deployment tt --replicas=3"]');
      await mark.waitFor({ state: 'attached' });
      const title = (await mark.getAttribute('title')) ?? '';
      const scaledAt = Date.parse(title.slice(0, 19).replace(' ', 'T') + 'Z');
      const slider = page.getByTestId('timeline-slider');
      const min = Number(await slider.getAttribute('min'));
      const target = min + Math.floor((scaledAt - 2000 - min) / 1000) * 1000;
      await slider.fill(String(target));
      await waitFor('the cluster as it was before the scale-up', async () => {
        const pods = await podsShown(page, 'default-tt-');
        const ahead = await page.getByTestId('timeline-ahead').isVisible().catch(() => false);
        return pods.length === 1 && pods[0].status === 'Running' && ahead ? true : undefined;
      }, 30_000, async () => JSON.stringify(await podsShown(page, 'default-tt-')));
      assert(((await page.getByTestId('sim-time').textContent()) ?? '').includes('paused'), 'the simulation did not pause after the rewind');
      await screenshot(page, 'f09a-rewound');
      await page.getByTestId('play-pause').click();
      await setSpeed(page, '10x');
      await waitFor('the scale-up replayed', async () => {
        const ahead = await page.getByTestId('timeline-ahead').isVisible().catch(() => false);
        return !ahead && (await running(3)) ? true : undefined;
      }, 30_000, async () => JSON.stringify(await podsShown(page, 'default-tt-')));
      await setSpeed(page, '1x');
      assert(/\$ \nkubectl scale deployment tt --replicas=3\ndeployment.apps\/tt scaled/.test(await terminalText(page)) || (await terminalText(page)).split('deployment.apps/tt scaled').length > 2, 'the replayed command is not shown in the terminal');
      await screenshot(page, 'f09b-replayed');
      await page.getByTestId('timeline-toggle').click();
    },
  },
  {
    name: 'the control-plane view animates the request flow of the last action through the components',
    async fn(page) {
      await hideLessons(page);
      await run(page, 'kubectl create deployment cp-demo --image=nginx:1.26');
      await setSpeed(page, '60x');
      await waitFor('pod cp-demo Running', async () => ((await podsShown(page, 'default-cp-demo-'))[0]?.status === 'Running' ? true : undefined), 30_000);
      await setSpeed(page, '1x');
      await page.getByRole('tab', { name: 'Control plane' }).click();
      const steps = page.getByTestId('cp-steps').locator('li');
      const texts = await waitFor('the flow up to the kubelet starting the container', async () => {
        const all = await steps.allTextContents();
        return all.some((x) => x.startsWith('kubelet → kube-apiserver Started:')) ? all : undefined;
      }, 20_000);
      assert(texts[0] === 'kubectl → kube-apiserver create Deployment default/cp-demo', `first message: ${texts[0]}`);
      assert(texts[1] === 'kube-apiserver → etcd store Deployment default/cp-demo', `second message: ${texts[1]}`);
      const find = (re: RegExp) => texts.findIndex((x) => re.test(x));
      const order = [/^kube-controller-manager → kube-apiserver ScalingReplicaSet/, /^kube-controller-manager → kube-apiserver SuccessfulCreate/, /^kube-scheduler → kube-apiserver Scheduled/, /^kubelet → flannel CNI ADD/, /^kubelet → kube-apiserver Started/].map(find);
      assert(order.every((i, k) => i > 1 && (k === 0 || i > order[k - 1])), `messages out of order: ${JSON.stringify(order)}\n${texts.join('\n')}`);
      const first = (await page.getByTestId('cp-caption').textContent()) ?? '';
      await waitFor('the animation to move on', async () => (((await page.getByTestId('cp-caption').textContent()) ?? '') !== first ? true : undefined));
      await page.getByRole('separator', { name: 'Resize the topology and the events' }).press('Home');
      await steps.nth(order[2]).getByRole('button').click();
      await screenshot(page, 'f10-control-plane');
      const caption = (await page.getByTestId('cp-caption').textContent()) ?? '';
      assert(caption.startsWith('kube-scheduler → kube-apiserver: Scheduled: Successfully assigned default/cp-demo-'), `caption: ${caption}`);
      await page.getByRole('separator', { name: 'Resize the topology and the events' }).press('End');
      await page.getByRole('tab', { name: 'Events' }).click();
    },
  },
  {
    name: 'the built app is an installable PWA and works offline from its service worker',
    async fn(page) {
      await waitFor('the service worker to control the page', async () => ((await page.evaluate(() => !!navigator.serviceWorker?.controller)) ? true : undefined), 30_000);
      const cdp = await page.context().newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      // Playwright's pages are incognito, which Chrome never installs from; anything else is ours.
      const errors = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
      assert(errors.length === 0, `not installable: ${JSON.stringify(errors)}`);
      await cdp.detach();
      await page.context().setOffline(true);
      try {
        await page.reload();
        await waitFor('a shell prompt offline', async () => ((await terminalText(page)).includes('$ ') ? true : undefined), 30_000);
        const nodes = await run(page, 'kubectl get nodes');
        assert(/^node-1\s+Ready/m.test(nodes), `offline kubectl get nodes:\n${nodes}`);
        await showTab(page, 'YAML editor');
        await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
        await screenshot(page, 'f11-offline');
        await showTab(page, 'Terminal');
      } finally {
        await page.context().setOffline(false);
      }
    },
  },
];
