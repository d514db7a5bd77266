// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaffScreen } from '../../../../renderer/src/screens/StaffScreen';
import { sessionStore } from '../../../../renderer/src/stores/session-store';
import { staffStore } from '../../../../renderer/src/stores/staff-store';
import type { StaffOk, StaffPreview, StaffStatus } from '../../../../electron/shared/staff-api';

const hello = {
  ok: true as const,
  staffChord: 'Ctrl+Alt+Shift+K',
  pinConfigured: true,
  lockedSeconds: 0,
  storeAvailable: true,
};
const status: StaffOk<StaffStatus> = {
  ok: true,
  uptimeSeconds: 2 * 86400 + 3 * 3600 + 4 * 60,
  memory: { rssBytes: 300 * 1024 * 1024, heapUsedBytes: 1 },
  disk: { freeBytes: 20 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 },
  onScreen: {
    ref: 'hall@1.0.0',
    id: 'hall',
    version: '1.0.0',
    title: { 'zh-Hans': '红色记忆', en: 'Red Memory' },
    source: 'active',
  },
  current: 'hall@1.0.0',
  previous: null,
  committed: true,
  installed: [
    {
      ref: 'hall@1.0.0',
      id: 'hall',
      version: '1.0.0',
      title: { 'zh-Hans': '红色记忆', en: 'Red Memory' },
      role: 'current',
      files: 3,
      bytes: 2048,
      problems: [],
    },
    {
      ref: 'hall@0.9.0',
      id: 'hall',
      version: '0.9.0',
      title: null,
      role: null,
      files: 1,
      bytes: 10,
      problems: [],
    },
  ],
  logProblems: [
    { time: '2026-03-01T09:02:00.000Z', level: 'error', msg: 'renderer gone' },
    {
      time: '2026-03-01T09:03:00.000Z',
      level: 'error',
      msg: 'pack problem',
      detail: 'signed by an untrusted key (pack.untrusted-key)',
    },
  ],
  health: {
    lastSample: { time: '2026-03-01T09:00:00.000Z', kind: 'sample', msg: 'sample', fps: 58, rendererMb: 412 },
    events: [
      { time: '2026-03-01T03:31:00.000Z', kind: 'nightly-restart', msg: 'nightly restart at an idle moment' },
    ],
  },
};
const preview: StaffOk<StaffPreview> = {
  ok: true,
  path: '/media/u/STICK/hall-2.hallpack',
  canInstall: false,
  pack: { id: 'hall', version: '2.0.0', title: { 'zh-Hans': '新展', en: 'New show' }, files: 4, bytes: 4096 },
  signature: { keyId: '0123456789abcdef', status: 'trusted' },
  version: { from: '1.0.0', to: '2.0.0', change: 'upgrade' },
  diff: {
    from: 'hall@1.0.0',
    places: { added: 2, removed: 1, changed: 3 },
    events: { added: 0, removed: 0, changed: 0 },
    media: { added: 1, removed: 0, changed: 0 },
  },
  problems: [
    {
      code: 'files.hash-mismatch',
      severity: 'error',
      file: 'media/a.png',
      rule: 'files.hash-mismatch',
      message: { 'zh-Hans': '哈希不符', en: 'hash differs' },
    },
  ],
};

beforeEach(() => {
  staffStore.getState().sessionReset();
  sessionStore.getState().packLoaded({ languages: ['zh-Hans', 'en'], defaultLanguage: 'zh-Hans' });
  sessionStore.getState().languageChosen('zh-Hans');
});
afterEach(cleanup);

describe('StaffScreen', () => {
  it('shows the PIN pad; keys type dots, never digits', () => {
    staffStore.getState().helloLoaded(hello);
    render(<StaffScreen />);
    expect(screen.getByTestId('staff-screen').dataset.phase).toBe('pin');
    for (const d of ['1', '3', '5']) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
    expect(staffStore.getState().pin).toBe('135');
    expect(screen.getByTestId('pin-dots').dataset.length).toBe('3');
    expect(screen.getByTestId('pin-pad').textContent).not.toContain('135');
    fireEvent.click(screen.getByTestId('pin-delete'));
    expect(staffStore.getState().pin).toBe('13');
    fireEvent.click(screen.getByTestId('pin-clear'));
    expect(staffStore.getState().pin).toBe('');
    expect(screen.getByTestId<HTMLButtonElement>('pin-enter').disabled).toBe(true);
  });

  it('without a PIN, says so in both languages with the technician command', () => {
    staffStore.getState().helloLoaded({ ...hello, pinConfigured: false });
    render(<StaffScreen />);
    const box = screen.getByTestId('staff-no-pin');
    expect(box.textContent).toContain('尚未设置工作人员密码');
    expect(box.textContent).toContain('No staff PIN is set');
    expect(box.textContent).toContain('hallpack staff-pin --data-dir');
    expect(screen.queryByTestId('pin-pad')).toBeNull();
  });

  it('shows a refusal as file: rule: message in the chosen language', () => {
    staffStore.getState().helloLoaded(hello);
    staffStore.getState().unlockRefused([
      {
        code: 'staff.pin-wrong',
        severity: 'error',
        file: 'staff',
        rule: 'staff.pin-wrong',
        message: { 'zh-Hans': '密码错误。', en: 'wrong PIN.' },
      },
    ]);
    act(() => sessionStore.getState().languageChosen('en'));
    render(<StaffScreen />);
    expect(screen.getByTestId('staff-problems').textContent).toBe('staff: staff.pin-wrong: wrong PIN.');
  });

  it('health: uptime, memory, disk, the pack on screen, logged problems', () => {
    staffStore.getState().unlocked('t'.repeat(43));
    staffStore.getState().statusLoaded(status);
    render(<StaffScreen />);
    const health = screen.getByTestId('staff-health');
    expect(health.textContent).toContain('2 天 3 小时 4 分钟');
    expect(health.textContent).toContain('300 MB');
    expect(health.textContent).toContain('20 GB / 100 GB');
    expect(health.textContent).toContain('红色记忆 · hall@1.0.0 · 当前内容包 · 已确认显示正常');
    expect(within(health).getByTestId('staff-log-problems').textContent).toContain('renderer gone');
    expect(within(health).getByTestId('staff-log-problems').textContent).toContain(
      'pack problem: signed by an untrusted key (pack.untrusted-key)',
    );
  });

  it('packs: current, no previous to roll back to, a refused preview with its diff and reasons', () => {
    staffStore.getState().unlocked('t'.repeat(43));
    staffStore.getState().statusLoaded(status);
    staffStore.getState().tabChosen('packs');
    staffStore.getState().previewLoaded(preview);
    render(<StaffScreen />);
    expect(screen.getByTestId('staff-current-title').textContent).toBe('红色记忆');
    expect(screen.getByTestId<HTMLButtonElement>('staff-rollback').disabled).toBe(true);
    const p = screen.getByTestId('staff-preview');
    expect(p.dataset.canInstall).toBe('false');
    expect(within(p).getByTestId('staff-preview-version').textContent).toContain('版本 1.0.0 → 2.0.0');
    const places = within(p)
      .getByTestId('staff-preview-diff')
      .querySelector('[data-kind="places"]') as HTMLElement;
    expect([places.dataset.added, places.dataset.removed, places.dataset.changed]).toEqual(['2', '1', '3']);
    expect(within(p).getByTestId('staff-preview-problems').textContent).toBe(
      'media/a.png: files.hash-mismatch: 哈希不符',
    );
    expect(within(p).getByTestId<HTMLButtonElement>('staff-install').disabled).toBe(true);
    // Installed list: the current one has no Activate/Remove; the spare one has both.
    const rows = screen.getAllByTestId('staff-installed-row');
    expect(within(rows[0]!).queryByTestId('staff-activate')).toBeNull();
    expect(within(rows[1]!).getByTestId('staff-remove').textContent).toBe('删除');
  });
});
