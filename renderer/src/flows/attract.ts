import { errorData, log } from '../bridge/log';

/**
 * Hook point for the attract loop. The shell calls `startAttract()` when the attract screen
 * shows and `stopAttract()` when a visitor touches it. The sand table (tours) and the
 * timeline (highlights) register players here; the order of registration is the order they
 * are started in. A player must stop promptly and leave no timers behind.
 */
export type AttractPlayer = {
  readonly name: string;
  start: () => void;
  stop: () => void;
};

const players: AttractPlayer[] = [];
let running = false;

export function registerAttractPlayer(player: AttractPlayer): () => void {
  if (!players.includes(player)) players.push(player);
  if (running) safely('start', player);
  return () => {
    const index = players.indexOf(player);
    if (index >= 0) {
      if (running) safely('stop', player);
      players.splice(index, 1);
    }
  };
}

export function startAttract(): void {
  if (running) return;
  running = true;
  for (const player of players) safely('start', player);
}

export function stopAttract(): void {
  if (!running) return;
  running = false;
  for (const player of players) safely('stop', player);
}

export function isAttractRunning(): boolean {
  return running;
}

function safely(action: 'start' | 'stop', player: AttractPlayer): void {
  try {
    player[action]();
  } catch (error) {
    log.error(`attract player ${action} failed`, { player: player.name, ...errorData(error) });
  }
}
