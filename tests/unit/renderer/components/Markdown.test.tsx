// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../../renderer/src/components/Markdown';

afterEach(cleanup);

describe('Markdown', () => {
  it('renders paragraphs, headings, lists, bold, italic and line breaks as elements', () => {
    const { container } = render(
      <Markdown text={'## 红船\n\n一九二一年，**嘉兴南湖**。\n*第二行*\n\n- 甲\n- 乙\n\n### Notes'} />,
    );
    const root = container.firstElementChild!;
    expect(root.className).toBe('markdown');
    expect(root.innerHTML).toBe(
      '<h2>红船</h2><p>一九二一年，<strong>嘉兴南湖</strong>。<br><em>第二行</em></p><ul><li>甲</li><li>乙</li></ul><h3>Notes</h3>',
    );
  });

  it('never renders HTML from a pack: tags stay text', () => {
    const { container } = render(<Markdown text={'<img src=x onerror=alert(1)> <b>bold</b>'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)> <b>bold</b>');
  });

  it('takes an extra class and renders empty text as nothing', () => {
    const { container } = render(<Markdown text="" className="place-body" />);
    expect(container.firstElementChild!.className).toBe('markdown place-body');
    expect(container.firstElementChild!.childElementCount).toBe(0);
  });
});
