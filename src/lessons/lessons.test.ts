/**
 * Every lesson is completed on a real simulated cluster: each step's check is false before its
 * hint runs and true after it (plus its settle time), and the whole session matches the
 * lesson's golden transcript (`UPDATE_GOLDEN=1` rewrites it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPlaySession, runScript } from '../engine/shell/script';
import { LESSONS } from './index';
import { lessonScript, setupScript, stepScript } from './script';
import { viewOf } from './view';

const DIR = new URL('.', import.meta.url).pathname;

function folderOf(id: string): string {
  const i = LESSONS.findIndex((l) => l.id === id);
  return join(DIR, `${String(i + 1).padStart(2, '0')}-${id}`);
}

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('has every text in English and Chinese', () => {
    for (const t of [lesson.title, lesson.summary, lesson.recap, ...lesson.steps.map((s) => s.text)]) {
      expect(t.en.trim()).not.toBe('');
      expect(t.zh.trim()).not.toBe('');
    }
  });

  it('is completed by its hints, step by step, and matches its golden transcript', () => {
    const { cluster, shell } = newPlaySession({ nodes: 3, seed: 1 });
    const view = viewOf(cluster.api);
    let transcript = '';
    const out = { write: (t: string) => (transcript += t) };
    runScript(setupScript(lesson), shell, out);
    lesson.steps.forEach((step, i) => {
      if (step.check) expect(step.check(view), `step ${i + 1} is already complete before its hint`).toBe(false);
      const before = transcript.length;
      runScript(stepScript(lesson, i), shell, out);
      const printed = transcript.slice(before);
      expect(printed, `step ${i + 1} hit an unsupported command`).not.toMatch(/not available in this playground|command not found|internal error/);
      if (step.check) expect(step.check(view), `step ${i + 1} is not complete after its hint:\n${printed}`).toBe(true);
    });
    expect(cluster.internalErrors).toEqual([]);

    const folder = folderOf(lesson.id);
    const goldenOut = join(folder, 'transcript.out');
    const goldenSh = join(folder, 'transcript.sh');
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(goldenSh, lessonScript(lesson));
      writeFileSync(goldenOut, transcript);
    }
    expect(existsSync(goldenOut), `${goldenOut} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(readFileSync(goldenSh, 'utf8')).toBe(lessonScript(lesson));
    expect(transcript).toBe(readFileSync(goldenOut, 'utf8'));
  });
});
