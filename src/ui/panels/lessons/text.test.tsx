import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseText, renderText } from './text';

describe('parseText', () => {
  it('splits inline code spans from the text around them', () => {
    expect(parseText('Scale `web` to `5` replicas.')).toEqual([
      [
        { kind: 'text', text: 'Scale ' },
        { kind: 'code', text: 'web' },
        { kind: 'text', text: ' to ' },
        { kind: 'code', text: '5' },
        { kind: 'text', text: ' replicas.' },
      ],
    ]);
  });

  it('keeps Chinese text and code side by side', () => {
    expect(parseText('把 `web` 扩容到 5 个副本。')).toEqual([
      [
        { kind: 'text', text: '把 ' },
        { kind: 'code', text: 'web' },
        { kind: 'text', text: ' 扩容到 5 个副本。' },
      ],
    ]);
  });

  it('makes a paragraph of each block separated by a blank line', () => {
    expect(parseText('One.\n\n  \nTwo `x`.\n')).toEqual([[{ kind: 'text', text: 'One.' }], [{ kind: 'text', text: 'Two ' }, { kind: 'code', text: 'x' }, { kind: 'text', text: '.' }]]);
  });

  it('keeps an unclosed backtick as text and drops empty spans', () => {
    expect(parseText('a `` b `c')).toEqual([[{ kind: 'text', text: 'a  b `c' }]]);
    expect(parseText('`b` then `d')).toEqual([[{ kind: 'code', text: 'b' }, { kind: 'text', text: ' then `d' }]]);
  });

  it('reads a span at the very start and end of a paragraph', () => {
    expect(parseText('`kubectl get nodes`')).toEqual([[{ kind: 'code', text: 'kubectl get nodes' }]]);
  });
});

describe('renderText', () => {
  const chip = (code: string, key: string) => (
    <button key={key} type="button" className="chip">
      {code}
    </button>
  );

  it('renders paragraphs with a chip per code span', () => {
    expect(renderToStaticMarkup(<>{renderText('Run `kubectl get nodes`.\n\nThen look.', chip)}</>)).toBe(
      '<p>Run <button type="button" class="chip">kubectl get nodes</button>.</p><p>Then look.</p>',
    );
  });

  it('never turns text into markup: tags and entities stay text', () => {
    const html = renderToStaticMarkup(<>{renderText('<img src=x onerror=alert(1)> & `<script>alert(1)</script>`', chip)}</>);
    expect(html).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; <button type="button" class="chip">&lt;script&gt;alert(1)&lt;/script&gt;</button></p>',
    );
  });
});
