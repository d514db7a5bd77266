import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The kiosk page has its own language toggle. Chromium (browser-kiosk mode) otherwise offers to
 * translate the Chinese page: a bubble a visitor can tap, over the exhibition, and while it animates
 * in, the browser redraws its whole window frame after frame (16 browser frames against 4 during one
 * start-up trace, under software GL). `--disable-features=Translate` no longer stops it; the page's
 * own declaration does, in Chromium and in every browser that translates.
 */
describe('the kiosk page declares itself not to be translated', () => {
  const html = readFileSync('renderer/index.html', 'utf8');

  it('translate="no" on the root element', () => {
    expect(html).toMatch(/<html\b[^>]*\btranslate="no"/);
  });

  it('and the notranslate meta Chromium reads', () => {
    expect(html).toMatch(/<meta name="google" content="notranslate"\s*\/?>/);
  });
});
