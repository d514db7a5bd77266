// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../../renderer/src/app/App';
import { loadContent } from '../../../../renderer/src/flows/boot';
import { contentStore } from '../../../../renderer/src/stores/content-store';
import { sessionStore } from '../../../../renderer/src/stores/session-store';
import { testManifest } from '../fixtures';

// The instruments are tested by their own suites; the shell only routes to them.
vi.mock('../../../../renderer/src/screens/SandTableScreen', () => ({
  SandTableScreen: () => <p>sand table</p>,
}));
vi.mock('../../../../renderer/src/screens/TimelineScreen', () => ({
  TimelineScreen: () => <p>timeline</p>,
}));

const html = document.documentElement;

async function boot(manifest = testManifest()) {
  await loadContent({
    loadSettings: () => Promise.resolve({}),
    load: () => Promise.resolve({ ok: true, manifest }),
  });
}

describe('App shell', () => {
  beforeEach(() => {
    sessionStore.getState().sessionReset();
  });
  afterEach(() => {
    cleanup();
  });

  it('shows attract with the pack title, then home on the first touch, with signals on <html>', async () => {
    await boot();
    render(<App options={{ hideCursor: false, debug: false }} />);
    expect(screen.getByTestId('pack-title').textContent).toBe('红色记忆');
    expect(html.dataset.screen).toBe('attract');
    expect(html.dataset.lang).toBe('zh-Hans');
    expect(html.lang).toBe('zh-Hans');
    expect(screen.getByTestId('touch-to-begin').textContent).toBe('触摸屏幕开始Touch the screen to begin');
    expect(screen.queryByTestId('top-bar')).toBeNull();

    fireEvent.pointerDown(screen.getByTestId('attract'));
    expect(html.dataset.screen).toBe('home');
    expect(screen.getByTestId('top-bar')).toBeTruthy();
    expect(screen.getByTestId('pack-description').textContent).toBe('一段说明。');
    expect(screen.getByTestId('stats-strip').textContent).toContain('500余');
  });

  it('one tap on the toggle switches every string, pack and UI', async () => {
    await boot();
    sessionStore.getState().attractTouched(0);
    render(<App options={{ hideCursor: false, debug: false }} />);
    fireEvent.click(screen.getByTestId('language-toggle'));
    expect(html.dataset.lang).toBe('en');
    expect(screen.getByTestId('pack-title').textContent).toBe('Red Memory');
    expect(screen.getByTestId('pack-title-bar').textContent).toBe('Red Memory');
    expect(screen.getByTestId('tile-sand-table').textContent).toContain('Sand table');
    expect(screen.getByTestId('stats-strip').textContent).toContain('500+');
  });

  it('tiles and Home navigate; placeholders load lazily', async () => {
    await boot();
    sessionStore.getState().attractTouched(0);
    render(<App options={{ hideCursor: false, debug: false }} />);
    fireEvent.click(screen.getByTestId('tile-timeline'));
    expect(html.dataset.screen).toBe('timeline');
    expect(await screen.findByText('timeline')).toBeTruthy();
    fireEvent.click(screen.getByTestId('home-button'));
    fireEvent.click(screen.getByTestId('tile-sand-table'));
    expect(html.dataset.screen).toBe('sand-table');
    expect(await screen.findByText('sand table')).toBeTruthy();
    fireEvent.click(screen.getByTestId('home-button'));
    expect(html.dataset.screen).toBe('home');
  });

  it('the accessibility panel toggles presets onto <html>', async () => {
    await boot();
    sessionStore.getState().attractTouched(0);
    render(<App options={{ hideCursor: false, debug: false }} />);
    fireEvent.click(screen.getByTestId('a11y-button'));
    fireEvent.click(screen.getByTestId('preset-largeText'));
    expect(html.dataset.largeText).toBe('true');
    expect(html.dataset.highContrast).toBe('false');
  });

  it('applies the pack theme as CSS variables', async () => {
    await boot(testManifest({ theme: { colors: { background: '#101010' } } }));
    render(<App options={{ hideCursor: false, debug: false }} />);
    expect(html.style.getPropertyValue('--pack-bg')).toBe('#101010');
  });

  it('the idle countdown overlay appears when the session says so and Continue closes it', async () => {
    await boot();
    sessionStore.getState().attractTouched(0);
    render(<App options={{ hideCursor: false, debug: false }} />);
    act(() => sessionStore.getState().idleCountdownStarted(performance.now(), 10));
    expect(screen.getByTestId('idle-countdown')).toBeTruthy();
    expect(html.dataset.idle).toBe('countdown');
    fireEvent.click(screen.getByTestId('idle-continue'));
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
  });

  it('without a pack: a calm message and a retry that tries again', async () => {
    await loadContent({
      loadSettings: () => Promise.resolve({}),
      load: () => Promise.resolve({ ok: false, problem: 'no-pack', detail: '503' }),
    });
    // A fresh content store state (earlier tests loaded a pack, which a failure would keep).
    act(() => contentStore.setState({ load: { status: 'error', problem: 'no-pack' } }));
    render(<App options={{ hideCursor: false, debug: false }} />);
    expect(screen.getByTestId('error-fallback').textContent).toContain('尚未安装展览内容');
    expect(html.dataset.appError).toBe('no-pack');
  });
});
