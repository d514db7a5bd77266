// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessibilityPanel } from '../../../../renderer/src/components/AccessibilityPanel';
import { Button } from '../../../../renderer/src/components/Button';
import { ErrorFallback } from '../../../../renderer/src/components/ErrorFallback';
import { IdleCountdown } from '../../../../renderer/src/components/IdleCountdown';
import { LanguageToggle } from '../../../../renderer/src/components/LanguageToggle';
import { StatsStrip } from '../../../../renderer/src/components/StatsStrip';

afterEach(cleanup);

describe('LanguageToggle', () => {
  it('shows each language by its own name and toggles on one tap', () => {
    const onToggle = vi.fn();
    render(
      <LanguageToggle
        languages={['zh-Hans', 'en']}
        current="en"
        label="Switch language"
        onToggle={onToggle}
      />,
    );
    const button = screen.getByRole('button', { name: 'Switch language' });
    expect(button.textContent).toBe('中文EN');
    expect(button.querySelector('[data-active="true"]')!.textContent).toBe('EN');
    fireEvent.click(button);
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  it('is absent when the pack has one language', () => {
    const { container } = render(
      <LanguageToggle languages={['zh-Hans']} current="zh-Hans" label="x" onToggle={() => undefined} />,
    );
    expect(container.childElementCount).toBe(0);
  });
});

describe('Button', () => {
  it('is a real button that acts on click, with an accessible name', () => {
    const onPress = vi.fn();
    render(
      <Button onPress={onPress} label="Home" variant="primary" testId="b">
        ⌂
      </Button>,
    );
    const b = screen.getByRole('button', { name: 'Home' });
    expect(b.getAttribute('type')).toBe('button');
    expect(b.className).toBe('button button--primary');
    fireEvent.click(b);
    expect(onPress).toHaveBeenCalled();
  });
});

describe('ErrorFallback', () => {
  it('shows the calm lines and a retry, nothing else', () => {
    const onRetry = vi.fn();
    render(
      <ErrorFallback
        lines={[
          { lang: 'zh-Hans', title: '标题', body: '正文' },
          { lang: 'en', title: 'Title', body: 'Body' },
        ]}
        retryLabel="重试 · Try again"
        onRetry={onRetry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('标题正文TitleBody重试 · Try again');
    fireEvent.click(screen.getByRole('button'));
    expect(onRetry).toHaveBeenCalled();
  });
});

describe('IdleCountdown', () => {
  it('shows whole seconds left and continues on tap', () => {
    const onContinue = vi.fn();
    render(
      <IdleCountdown
        secondsLeft={4.2}
        totalSeconds={10}
        title="Still there?"
        body="b"
        continueLabel="Continue"
        onContinue={onContinue}
      />,
    );
    expect(screen.getByRole('alertdialog', { name: 'Still there?' })).toBeTruthy();
    expect(screen.getByText('5')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onContinue).toHaveBeenCalled();
  });
});

describe('StatsStrip', () => {
  it('renders each figure, and nothing without figures', () => {
    const { rerender, container } = render(
      <StatsStrip
        label="At a glance"
        pageLabel={(n) => `page ${n}`}
        figures={[{ id: 'a', value: '500+', unit: 'pieces', text: '500+ pieces', label: 'relics' }]}
      />,
    );
    expect(container.querySelector('[data-stat="a"]')!.textContent).toBe('500+piecesrelics');
    expect(container.querySelector('button')).toBeNull();
    rerender(<StatsStrip label="x" pageLabel={(n) => `page ${n}`} figures={[]} />);
    expect(container.childElementCount).toBe(0);
  });

  it('shows a page of figures at a time and turns pages on a tap', () => {
    const figures = Array.from({ length: 6 }, (_, i) => ({
      id: `f${i}`,
      value: String(i),
      unit: '',
      text: String(i),
      label: `figure ${i}`,
    }));
    const { container, getByLabelText } = render(
      <StatsStrip
        label="x"
        pageLabel={(n) => `page ${n}`}
        figures={figures}
        pageSize={4}
        advanceSeconds={0}
      />,
    );
    const visible = () =>
      [...container.querySelectorAll<HTMLElement>('[data-stat]')]
        .filter((el) => !el.hidden)
        .map((el) => el.dataset.stat);
    expect(visible()).toEqual(['f0', 'f1', 'f2', 'f3']);
    fireEvent.click(getByLabelText('page 2'));
    expect(visible()).toEqual(['f4', 'f5']);
  });
});

describe('AccessibilityPanel', () => {
  it('has one switch per preset reflecting its state', () => {
    const onToggle = vi.fn();
    render(
      <AccessibilityPanel
        presets={{ largeText: true, highContrast: false, reducedMotion: false }}
        labels={{
          title: 'A11y',
          close: 'Done',
          largeText: 'Large',
          highContrast: 'Contrast',
          reducedMotion: 'Motion',
        }}
        onToggle={onToggle}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByRole('switch', { name: 'Large' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('switch', { name: 'Contrast' }).getAttribute('aria-checked')).toBe('false');
    fireEvent.click(screen.getByRole('switch', { name: 'Motion' }));
    expect(onToggle).toHaveBeenCalledWith('reducedMotion');
  });
});
