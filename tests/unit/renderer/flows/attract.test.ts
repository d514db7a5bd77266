import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isAttractRunning,
  registerAttractPlayer,
  startAttract,
  stopAttract,
} from '../../../../renderer/src/flows/attract';

describe('attract hook point', () => {
  const offs: (() => void)[] = [];
  afterEach(() => {
    stopAttract();
    for (const off of offs.splice(0)) off();
  });

  it('starts and stops registered players in order, once', () => {
    const calls: string[] = [];
    const player = (name: string) => ({
      name,
      start: () => calls.push(`start ${name}`),
      stop: () => calls.push(`stop ${name}`),
    });
    offs.push(registerAttractPlayer(player('tour')), registerAttractPlayer(player('timeline')));
    startAttract();
    startAttract();
    expect(isAttractRunning()).toBe(true);
    stopAttract();
    stopAttract();
    expect(calls).toEqual(['start tour', 'start timeline', 'stop tour', 'stop timeline']);
    expect(isAttractRunning()).toBe(false);
  });

  it('a player registered while running starts at once; unregistering a running one stops it', () => {
    startAttract();
    const p = { name: 'late', start: vi.fn(), stop: vi.fn() };
    const off = registerAttractPlayer(p);
    expect(p.start).toHaveBeenCalledTimes(1);
    off();
    expect(p.stop).toHaveBeenCalledTimes(1);
  });

  it('a throwing player does not stop the others', () => {
    const ok = { name: 'ok', start: vi.fn(), stop: vi.fn() };
    offs.push(
      registerAttractPlayer({
        name: 'bad',
        start: () => {
          throw new Error('x');
        },
        stop: () => undefined,
      }),
      registerAttractPlayer(ok),
    );
    startAttract();
    expect(ok.start).toHaveBeenCalled();
  });
});
