// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppErrorBoundary } from '../../../../renderer/src/app/AppErrorBoundary';
import { recentLog } from '../../../../renderer/src/bridge/log';

let shouldThrow = true;
function Bomb() {
  if (shouldThrow) throw new Error('kaboom at Component.tsx:12');
  return <p>recovered</p>;
}

describe('AppErrorBoundary', () => {
  beforeEach(() => {
    shouldThrow = true;
    // React reports caught errors on the console in tests (main.tsx routes them to the log).
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    vi.useRealTimers();
    delete document.documentElement.dataset.appError;
  });

  it('shows a calm bilingual fallback, logs the error, never shows it', () => {
    render(
      <AppErrorBoundary>
        <Bomb />
      </AppErrorBoundary>,
    );
    const alert = screen.getByTestId('error-fallback');
    expect(alert.textContent).toContain('展览暂时休息片刻');
    expect(alert.textContent).toContain('The exhibition is taking a short pause');
    expect(alert.textContent).not.toMatch(/kaboom|\.tsx|Error/);
    expect(document.documentElement.dataset.appError).toBe('crash');
    expect(
      recentLog().some((e) => e.level === 'error' && e.data?.error === 'kaboom at Component.tsx:12'),
    ).toBe(true);
  });

  it('retry calls onRetry and mounts the children again', () => {
    const onRetry = vi.fn();
    render(
      <AppErrorBoundary onRetry={onRetry}>
        <Bomb />
      </AppErrorBoundary>,
    );
    shouldThrow = false;
    fireEvent.click(screen.getByTestId('error-retry'));
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(screen.getByText('recovered')).toBeTruthy();
    expect(document.documentElement.dataset.appError).toBeUndefined();
  });

  it('retries on its own after a while (an unattended kiosk heals itself)', () => {
    vi.useFakeTimers();
    render(
      <AppErrorBoundary autoRetryMs={5000}>
        <Bomb />
      </AppErrorBoundary>,
    );
    shouldThrow = false;
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(screen.getByText('recovered')).toBeTruthy();
  });
});
