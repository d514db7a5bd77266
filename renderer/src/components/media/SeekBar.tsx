import { useRef } from 'react';

export type SeekBarProps = {
  /** Current position and duration in seconds. */
  position: number;
  duration: number;
  label: string;
  onSeek: (seconds: number) => void;
  testId?: string;
};

/** A wide, touch-sized seek bar: tap or drag anywhere along it. */
export function SeekBar({ position, duration, label, onSeek, testId }: SeekBarProps) {
  const ref = useRef<HTMLDivElement>(null);
  const fraction = duration > 0 ? Math.max(0, Math.min(1, position / duration)) : 0;
  const seekAt = (clientX: number) => {
    const el = ref.current;
    if (!el || !(duration > 0)) return;
    const r = el.getBoundingClientRect();
    onSeek(Math.max(0, Math.min(1, (clientX - r.left) / r.width)) * duration);
  };
  return (
    <div
      ref={ref}
      className="seek-bar touch-surface"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(position)}
      data-testid={testId}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        seekAt(e.clientX);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) seekAt(e.clientX);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') onSeek(Math.min(duration, position + 5));
        if (e.key === 'ArrowLeft') onSeek(Math.max(0, position - 5));
      }}
    >
      <div className="seek-bar__track">
        <div className="seek-bar__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="seek-bar__thumb" style={{ left: `${fraction * 100}%` }} />
    </div>
  );
}
