/**
 * GPU time of the table's frames, for the benchmark and diagnostics: each drawn frame is wrapped
 * in a `TIME_ELAPSED_EXT` query (EXT_disjoint_timer_query_webgl2), and the results are collected
 * when the GPU has them, a few frames later, never waiting. Off unless asked for (the `?debug=1`
 * page's `gpuTiming(true)`): a query per frame costs the main thread a little, and the benchmark
 * measures CPU frames in rounds of their own. A result the GPU marks disjoint (a clock change,
 * a context switch) is dropped, as the extension requires.
 */

/** What the timer needs of a WebGL2 context (tests pass a fake). */
export type TimerGl = {
  readonly QUERY_RESULT: number;
  readonly QUERY_RESULT_AVAILABLE: number;
  createQuery(): WebGLQuery | null;
  deleteQuery(query: WebGLQuery | null): void;
  beginQuery(target: number, query: WebGLQuery): void;
  endQuery(target: number): void;
  getQueryParameter(query: WebGLQuery, pname: number): unknown;
  getParameter(pname: number): unknown;
  getExtension(name: string): unknown;
  isContextLost(): boolean;
};

type TimerExtension = { TIME_ELAPSED_EXT: number; GPU_DISJOINT_EXT: number };

/** Queries in flight at most: a GPU that lags further behind leaves frames untimed. */
export const MAX_PENDING_QUERIES = 8;

/** Samples kept at most (the oldest go first). */
export const MAX_GPU_SAMPLES = 1000;

export class GpuTimer {
  private readonly pending: WebGLQuery[] = [];
  private active: WebGLQuery | null = null;
  private samples: number[] = [];
  /** Frames not timed because too many queries were in flight, and results dropped as disjoint. */
  skipped = 0;
  disjoint = 0;

  private constructor(
    private readonly gl: TimerGl,
    private readonly ext: TimerExtension,
  ) {}

  /** A timer, or null when the context cannot time (WebGL1, or no timer query extension). */
  static create(gl: TimerGl | null): GpuTimer | null {
    if (!gl || gl.isContextLost()) return null;
    const ext = gl.getExtension('EXT_disjoint_timer_query_webgl2') as TimerExtension | null;
    return ext ? new GpuTimer(gl, ext) : null;
  }

  /** Starts timing the commands of one frame (none while the previous is still open). */
  begin(): void {
    this.poll();
    if (this.active || this.gl.isContextLost()) return;
    if (this.pending.length >= MAX_PENDING_QUERIES) {
      this.skipped++;
      return;
    }
    const q = this.gl.createQuery();
    if (!q) return;
    this.gl.beginQuery(this.ext.TIME_ELAPSED_EXT, q);
    this.active = q;
  }

  /** Ends the frame begun by `begin`. */
  end(): void {
    if (!this.active) return;
    this.gl.endQuery(this.ext.TIME_ELAPSED_EXT);
    this.pending.push(this.active);
    this.active = null;
  }

  /** Collects the results the GPU has (in order; stops at the first not yet available). */
  poll(): void {
    const gl = this.gl;
    if (this.pending.length === 0 || gl.isContextLost()) return;
    // Disjoint since the last check: every result in flight is unreliable.
    if (gl.getParameter(this.ext.GPU_DISJOINT_EXT)) {
      this.disjoint += this.pending.length;
      for (const q of this.pending) gl.deleteQuery(q);
      this.pending.length = 0;
      return;
    }
    while (this.pending.length > 0) {
      const q = this.pending[0] as WebGLQuery;
      if (!gl.getQueryParameter(q, gl.QUERY_RESULT_AVAILABLE)) break;
      const ns = Number(gl.getQueryParameter(q, gl.QUERY_RESULT));
      this.pending.shift();
      gl.deleteQuery(q);
      this.samples.push(ns / 1e6);
      if (this.samples.length > MAX_GPU_SAMPLES) this.samples.shift();
    }
  }

  /** Queries still waiting for the GPU. */
  get waiting(): number {
    return this.pending.length + (this.active ? 1 : 0);
  }

  /** The GPU ms of the frames timed since the last call (after collecting what is ready). */
  take(): number[] {
    this.poll();
    const out = this.samples;
    this.samples = [];
    return out;
  }

  /** Drops every query (the context may be gone: then nothing is deleted). */
  dispose(): void {
    if (!this.gl.isContextLost()) {
      if (this.active) this.gl.endQuery(this.ext.TIME_ELAPSED_EXT);
      for (const q of this.pending) this.gl.deleteQuery(q);
      if (this.active) this.gl.deleteQuery(this.active);
    }
    this.pending.length = 0;
    this.active = null;
    this.samples = [];
  }
}
