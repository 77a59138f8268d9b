import { describe, expect, it } from 'vitest';
import { HINT_TEXTS, hintText } from './messages';

describe('hint texts', () => {
  it('have the same codes and placeholders in both languages', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of Object.keys(HINT_TEXTS.en) as (keyof typeof HINT_TEXTS.en)[]) {
      expect(holes(HINT_TEXTS.zh[code]), code).toEqual(holes(HINT_TEXTS.en[code]));
    }
  });

  it('fill values in as text', () => {
    const hint = { code: 'NotFoundTypo' as const, vars: { name: 'wbe', guess: 'web', resource: 'deployments' } };
    expect(hintText('en', hint)).toBe('No deployments named "wbe". Did you mean "web"?');
    expect(hintText('zh', hint)).toBe('没有名为 "wbe" 的 deployments。你是不是想输入 "web"？');
  });
});
