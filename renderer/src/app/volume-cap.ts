/**
 * One volume cap for every sound the kiosk makes (quiet hours, closed hours). The players live in
 * several places — React media components, the sand table's tour narration on an element that is
 * never in the document — so the cap is applied where all of them pass: `HTMLMediaElement.play`.
 * Elements that are playing when the cap changes are updated at once.
 */
let cap = 1;
const playing = new Set<HTMLMediaElement>();

function apply(element: HTMLMediaElement): void {
  element.muted = cap === 0;
  element.volume = cap;
}

const STOPS = ['pause', 'ended', 'emptied'] as const;

/** Remembers a playing element until it stops; its listeners go with it (no build-up over months). */
function track(element: HTMLMediaElement): void {
  if (playing.has(element)) return;
  playing.add(element);
  const stop = (): void => {
    playing.delete(element);
    for (const type of STOPS) element.removeEventListener(type, stop);
  };
  for (const type of STOPS) element.addEventListener(type, stop);
}

/** Wraps `play` once per prototype (idempotent). */
export function installVolumeCap(proto: HTMLMediaElement = HTMLMediaElement.prototype): void {
  const marker = proto as unknown as { hallVolumeCap?: true };
  if (marker.hallVolumeCap) return;
  marker.hallVolumeCap = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the element below
  const original = proto.play;
  proto.play = function play(this: HTMLMediaElement): Promise<void> {
    apply(this);
    track(this);
    return original.call(this);
  };
}

/** Sets the cap (0 … 1) and applies it to whatever is playing. */
export function setVolumeCap(next: number): void {
  cap = Math.max(0, Math.min(1, next));
  for (const element of playing) apply(element);
}

export function volumeCap(): number {
  return cap;
}
