/**
 * Knows when the GPU has finished the last frame the table drew. Drawing returns as soon as the
 * commands are queued; under software GL (SwiftShader, the kiosk's fallback and every test
 * machine) the GPU process then takes 100 ms to a second on a full-screen frame — the first with
 * the base map's texture most of all. Until it is done the visitor still sees the previous picture,
 * and anything the page changes (a tap's card) waits behind it. A WebGL2 fence after the last frame
 * of a burst, polled on a timer (never blocking), tells the table when it is really settled.
 *
 * The GPU having run the table's commands is not yet the visitor seeing them: the display
 * compositor still composes the page with the canvas and presents it, on the same GPU thread
 * (under SwiftShader 100–130 ms at 1920 × 1080), and the page may have painted something of its
 * own meanwhile. A tap in that window waits for it (the first card in 110–190 ms instead of 40–60
 * in the benchmark's cold loads). A fence is run in the order of that thread's work, so when one
 * took longer than `QUIET_POLLS` polls to signal, the thread was busy: another fence is placed at
 * once, up to `MAX_REFENCES` times, and the table counts as drained when a fence signals quickly.
 * (Waiting for the page's animation frames instead does not work: each one commits a frame that
 * the compositor draws again.)
 *
 * The fence is placed a moment after the frame, not in it: during a drag every frame looks like
 * the last until the next input arrives, and a fence plus `flush` in each one cost ~0.7 ms of the
 * table's frame at 1,000 places (bench sand). A frame that follows within `FENCE_DELAY_MS`
 * cancels it before it exists; `pending` is true from the frame on either way.
 */

/** The part of a WebGL2 context a fence needs. */
export type FenceGl = {
  readonly SYNC_GPU_COMMANDS_COMPLETE: number;
  readonly SYNC_STATUS: number;
  readonly SIGNALED: number;
  fenceSync(condition: number, flags: number): WebGLSync | null;
  getSyncParameter(sync: WebGLSync, pname: number): unknown;
  deleteSync(sync: WebGLSync | null): void;
  flush(): void;
  isContextLost(): boolean;
};

export type DrainTimers = {
  set: (fn: () => void, ms: number) => number;
  clear: (id: number) => void;
};

/** How often a pending fence is checked (ms). */
export const DRAIN_POLL_MS = 16;

/** How long after a frame its fence is placed, if no other frame came (ms). */
export const FENCE_DELAY_MS = 40;

/** A fence that signals within this many polls found the GPU thread idle. */
export const QUIET_POLLS = 2;

/** Fences placed at most after the first, while the GPU thread stays busy. */
export const MAX_REFENCES = 4;

export class GpuDrain {
  private sync: WebGLSync | null = null;
  /** A frame was drawn and its fence is still to be placed. */
  private armed = false;
  private timer = 0;
  /** Polls of the current fence, and fences placed again after it (see above). */
  private polls = 0;
  private refences = 0;

  /** `gl` null (WebGL1, no fences): the drain never waits. */
  constructor(
    private readonly gl: FenceGl | null,
    private readonly timers: DrainTimers,
    private readonly onDrained: () => void = () => {},
  ) {}

  /** A drawn frame the GPU may still be working on. */
  get pending(): boolean {
    return this.armed || this.sync !== null;
  }

  /** Call after the last frame of a burst: from now until the GPU finished it, `pending`. */
  fence(): void {
    this.drop();
    const gl = this.gl;
    if (!gl || gl.isContextLost()) return;
    this.armed = true;
    this.timer = this.timers.set(this.place, FENCE_DELAY_MS);
  }

  /** A new frame is coming: the old fence no longer says anything. */
  cancel(): void {
    this.drop();
  }

  dispose(): void {
    this.drop();
  }

  private readonly place = (): void => {
    this.timer = 0;
    this.armed = false;
    const gl = this.gl;
    if (!gl || gl.isContextLost()) {
      this.onDrained();
      return;
    }
    this.refences = 0;
    this.placeFence(gl);
  };

  private placeFence(gl: FenceGl): void {
    this.sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    if (!this.sync) {
      this.onDrained();
      return;
    }
    gl.flush();
    this.polls = 0;
    this.timer = this.timers.set(this.poll, DRAIN_POLL_MS);
  }

  private readonly poll = (): void => {
    this.timer = 0;
    const gl = this.gl;
    const sync = this.sync;
    if (!gl || !sync) return;
    // A lost context finishes nothing: count it as drained rather than wait forever.
    const lost = gl.isContextLost();
    const done = lost || gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED;
    this.polls += 1;
    if (!done) {
      this.timer = this.timers.set(this.poll, DRAIN_POLL_MS);
      return;
    }
    const busy = this.polls > QUIET_POLLS && this.refences < MAX_REFENCES;
    this.drop();
    if (busy && !lost) {
      // The GPU thread had other work before this fence: see whether it is idle now.
      this.refences += 1;
      this.placeFence(gl);
      return;
    }
    this.onDrained();
  };

  private drop(): void {
    if (this.timer !== 0) this.timers.clear(this.timer);
    this.timer = 0;
    this.armed = false;
    if (this.sync && this.gl && !this.gl.isContextLost()) this.gl.deleteSync(this.sync);
    this.sync = null;
  }
}
