import { describe, expect, it } from 'vitest';
import { defineLesson } from '../../../lessons/types';
import { canContinue, closeLesson, completeStep, continueLesson, EMPTY, firstVisit, nextStep, startLesson, suggested, summaryOf } from './progress';

const text = { en: 'x', zh: 'x' };
const lesson = (id: string, steps: number) =>
  defineLesson({ id, title: text, summary: text, recap: text, setup: [], steps: Array.from({ length: steps }, () => ({ text, hint: 'kubectl get nodes' })) });
const a = lesson('a', 3);
const b = lesson('b', 2);

describe('lesson progress', () => {
  it('starts a first-time visitor with nothing begun', () => {
    expect(firstVisit(EMPTY)).toBe(true);
    expect(summaryOf(EMPTY, a)).toEqual({ started: false, done: 0, total: 3, finished: false });
    expect(suggested(EMPTY, [a, b])).toBe(a);
  });

  it('opens a lesson at its first step and counts steps as they complete', () => {
    let p = startLesson(EMPTY, 'a');
    expect(p.current).toBe('a');
    expect(firstVisit(p)).toBe(false);
    p = completeStep(p, 'a', 0);
    p = completeStep(p, 'a', 0);
    expect(p.lessons.a).toEqual({ step: 0, done: [0] });
    expect(summaryOf(p, a)).toEqual({ started: true, done: 1, total: 3, finished: false });
  });

  it('marks the step left as done when moving on, and shows the recap after the last one', () => {
    let p = startLesson(EMPTY, 'a');
    p = nextStep(p, a);
    p = completeStep(p, 'a', 2);
    p = nextStep(p, a);
    expect(p.lessons.a).toEqual({ step: 2, done: [0, 1, 2] });
    p = nextStep(p, a);
    expect(p.lessons.a.step).toBe(3);
    expect(summaryOf(p, a)).toEqual({ started: true, done: 3, total: 3, finished: true });
    expect(nextStep(p, a)).toBe(p);
    expect(suggested(p, [a, b])).toBe(b);
  });

  it('keeps progress when going back to the list and continuing; restarting forgets it', () => {
    let p = nextStep(startLesson(EMPTY, 'a'), a);
    p = closeLesson(p);
    expect(p.current).toBeUndefined();
    expect(canContinue(p, 'a')).toBe(true);
    p = continueLesson(p, 'a');
    expect(p.current).toBe('a');
    expect(p.lessons.a.step).toBe(1);
    p = startLesson(p, 'a');
    expect(p.lessons.a).toEqual({ step: 0, done: [] });
  });

  it('continues only the lesson the cluster was prepared for', () => {
    let p = nextStep(startLesson(EMPTY, 'a'), a);
    p = startLesson(closeLesson(p), 'b');
    expect(p.cluster).toBe('b');
    expect(canContinue(p, 'a')).toBe(false);
    expect(continueLesson(p, 'a')).toBe(p);
    expect(summaryOf(p, a)).toEqual({ started: true, done: 1, total: 3, finished: false });
  });

  it('ignores steps of a lesson that is not open', () => {
    expect(completeStep(EMPTY, 'a', 0)).toBe(EMPTY);
    expect(nextStep(EMPTY, a)).toBe(EMPTY);
  });
});
