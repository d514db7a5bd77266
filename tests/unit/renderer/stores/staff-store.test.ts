import { describe, expect, it } from 'vitest';
import { createStaffStore } from '../../../../renderer/src/stores/staff-store';
import type { StaffProblem } from '../../../../electron/shared/staff-api';

const problem = (code: string): StaffProblem => ({
  code,
  severity: 'error',
  file: 'staff',
  rule: code,
  message: { 'zh-Hans': '错', en: 'wrong' },
});
const hello = {
  ok: true as const,
  staffChord: 'Ctrl+Alt+Shift+K',
  pinConfigured: true,
  lockedSeconds: 0,
  storeAvailable: true,
};

describe('staff store', () => {
  it('types digits only, up to 12, and clears them after a try', () => {
    const store = createStaffStore();
    const s = () => store.getState();
    for (const d of '12a34567890123') s().pinDigitPressed(d);
    expect(s().pin).toBe('123456789012');
    s().pinBackspaced();
    expect(s().pin).toBe('12345678901');
    s().pinCleared();
    expect(s().pin).toBe('');
    s().pinSubmitted();
    expect(s().phase).toBe('pin'); // nothing to submit
    for (const d of '24681') s().pinDigitPressed(d);
    s().pinSubmitted();
    expect(s().phase).toBe('pin'); // five digits: a PIN has six at least
    s().pinDigitPressed('3');
    s().pinSubmitted();
    expect(s().phase).toBe('checking');
    s().pinDigitPressed('3'); // ignored while checking
    expect(s().pin).toBe('246813');
    s().unlockRefused([problem('staff.pin-wrong')]);
    expect(s()).toMatchObject({ phase: 'pin', pin: '', problems: [{ code: 'staff.pin-wrong' }] });
    s().pinDigitPressed('5');
    expect(s().problems).toEqual([]);
  });

  it('opens a session, keeps hello, and forgets everything on session reset or leaving', () => {
    const store = createStaffStore();
    const s = () => store.getState();
    s().helloLoaded(hello);
    s().pinDigitPressed('1');
    s().pinSubmitted();
    s().unlocked('t'.repeat(43));
    expect(s()).toMatchObject({ phase: 'open', token: 't'.repeat(43), pin: '', hello });
    s().tabChosen('packs');
    s().requestStarted('scan');
    expect(s().busy).toBe('scan');
    s().requestFailed([problem('store.io-error')]);
    expect(s()).toMatchObject({ busy: null, problems: [{ code: 'store.io-error' }] });
    s().sessionReset();
    expect(s()).toMatchObject({ phase: 'pin', token: null, hello: null, tab: 'health', problems: [] });
    s().unlocked('u'.repeat(43));
    s().left();
    expect(s().token).toBeNull();
  });

  it('a session that ended goes back to the pad with the reason', () => {
    const store = createStaffStore();
    store.getState().helloLoaded(hello);
    store.getState().unlocked('t'.repeat(43));
    store.getState().sessionEnded([problem('staff.session-ended')]);
    expect(store.getState()).toMatchObject({
      phase: 'pin',
      token: null,
      hello,
      problems: [{ code: 'staff.session-ended' }],
    });
  });

  it('tracks a preview and the result notices', () => {
    const store = createStaffStore();
    const s = () => store.getState();
    s().unlocked('t'.repeat(43));
    s().previewRequested('/media/x.hallpack');
    expect(s()).toMatchObject({ busy: 'preview', previewing: '/media/x.hallpack', preview: null });
    s().packSwitched('p@2.0.0');
    expect(s().notice).toEqual({ kind: 'showing', ref: 'p@2.0.0' });
    s().tabChosen('export');
    expect(s().notice).toBeNull();
  });
});
