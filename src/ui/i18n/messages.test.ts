import { describe, expect, it } from 'vitest';
import { detectLanguage, format, MESSAGES } from './messages';

describe('messages', () => {
  it.each([
    [['zh-CN', 'en'], 'zh'],
    [['zh-Hant-TW'], 'zh'],
    [['en-GB', 'zh'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh'],
    [['de'], 'en'],
    [[], 'en'],
  ])('picks %j -> %s', (prefs, want) => {
    expect(detectLanguage(prefs)).toBe(want);
  });

  it('has a non-empty Chinese text for every English key', () => {
    for (const key of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      expect(MESSAGES.zh[key], key).toMatch(/\S/);
    }
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(format('en', 'topology.podCount', { n: 3 })).toBe('3 pods');
    expect(format('zh', 'topology.podCount', { n: 3 })).toBe('3 个 Pod');
    expect(format('en', 'topology.podCount')).toBe('{n} pods');
  });
});
