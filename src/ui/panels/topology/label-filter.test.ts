import { describe, expect, it } from 'vitest';
import { matchesLabels, parseLabelFilter } from './label-filter';

const web = { app: 'web', tier: 'front', env: 'prod' };

describe('parseLabelFilter', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=db', true],
    ['env in (prod,staging)', true],
    ['env notin (dev)', true],
    ['tier', true],
    ['!canary', true],
    ['app=web,tier=front', true],
    ['env in (dev)', false],
    ['app=db', false],
    ['!app', false],
    ['app=web,env notin (prod)', false],
  ])('%j selects the web pod: %s', (text, want) => {
    const reqs = parseLabelFilter(text);
    expect(reqs).toBeDefined();
    expect(matchesLabels(reqs!, web)).toBe(want);
  });

  it.each(['app=we b', '=web', 'app in prod', 'a b c', 'app=web,'])('rejects %j', (text) => {
    expect(parseLabelFilter(text)).toBeUndefined();
  });
});
