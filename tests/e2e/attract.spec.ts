/**
 * The idle loop is the guided tour itself: after the title card, the pack's attract playlist
 * plays a narrated sand-table tour behind the title; a touch stops it and hands the screen over.
 */
import { expect, gotoApp, test } from './fixtures';

test('attract plays the pack tour after the title card, and a touch stops it', async ({ page, hall }) => {
  const tours = hall.manifest.attract.playlist.filter((p) => p.kind === 'tour');
  test.skip(tours.length === 0, 'the pack has no tour in its attract playlist');
  test.setTimeout(180_000);
  // A title card long enough to be seen even on a loaded machine (the app may take a second to start).
  await gotoApp(page, { attractTitle: 4 });
  const attract = page.getByTestId('attract');
  await expect(attract).toHaveAttribute('data-stage', 'title');
  await expect(attract).toHaveAttribute('data-stage', 'tour', { timeout: 30_000 });
  await expect(page.getByTestId('attract-backdrop')).toHaveAttribute('data-stage', 'tour');
  // The tour really runs on the table: the scene is ready and the tour reports its shots.
  await expect(page.locator('html')).toHaveAttribute('data-sand-tour', /^playing:/, { timeout: 120_000 });
  await expect(page.getByTestId('touch-to-begin')).toBeVisible();
  // The loop runs all day: no endless CSS animation, which would make the compositor redraw the
  // whole screen every frame (render on demand would then save nothing; see bench/attract).
  const endless = await page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().endTime === Infinity)
      .map((a) => (a instanceof CSSAnimation ? a.animationName : a.id || 'script animation')),
  );
  expect(endless).toEqual([]);

  await attract.click({ position: { x: 960, y: 700 } });
  await expect(page.locator('html')).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('attract-backdrop')).toHaveCount(0);
  // Nothing keeps talking after the visitor took over.
  const playing = await page.evaluate(
    () =>
      [...document.querySelectorAll('audio, video')].filter((m) => !(m as HTMLMediaElement).paused).length,
  );
  expect(playing).toBe(0);
});
