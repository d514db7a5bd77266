import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PackManifest } from '../../../../electron/shared/pack-schema';
import { useSession } from '../../stores/hooks';
import type { Language } from '../../i18n/language';
import type { TrackJump } from '../../stores/timeline-store';
import type { TrackMetrics } from '../../timeline/layout';
import { rubberBand, trackMetrics, visibleRange } from '../../timeline/layout';
import type { TimelineModel } from '../../timeline/model';
import { clampItem } from '../../timeline/model';
import { TAP_SLOP, VelocityTracker, flingTarget, isSettled, springStep } from '../../timeline/motion';
import { timelineText } from '../../timeline/strings';
import { useElementSize } from '../media/use-pan-zoom';
import { EraCard } from './EraCard';
import { EventCard } from './EventCard';

export type TimelineTrackProps = {
  model: TimelineModel;
  manifest: PackManifest;
  language: Language;
  defaultLanguage: string;
  jump: TrackJump | null;
  initialIndex: number;
  reducedMotion: boolean;
  /** The card at the centre changed (during motion too, but only when it changes). */
  onFocusChange: (index: number) => void;
  /** The track came to rest. */
  onSettled: (index: number) => void;
  onOpen: (eventId: string) => void;
  /** Covered by the event story: no input, no focus. */
  inert?: boolean;
};

type Drag = {
  pointerId: number;
  start: number;
  startOffset: number;
  startIndex: number;
  target: EventTarget | null;
  dragging: boolean;
  /** Where the primary pointer went down (both axes: a sideways slide is not a tap either). */
  x: number;
  y: number;
  /** A second finger came down, or the finger slid off the track's axis: never a tap. */
  notTap: boolean;
};

/**
 * The swipeable row (column, in portrait) of era and event cards.
 *
 * Only the cards near the screen exist in the DOM; the scroll position lives in a ref and moves
 * one transform per frame, so React renders only when the set of visible cards or the centred
 * card changes. A release glides with inertia and settles on a card with a critically damped
 * spring; with reduced motion it cuts straight to the card.
 */
export const TimelineTrack = memo(function TimelineTrack(props: TimelineTrackProps) {
  const {
    model,
    manifest,
    language,
    defaultLanguage,
    jump,
    initialIndex,
    reducedMotion,
    onFocusChange,
    onSettled,
    onOpen,
    inert = false,
  } = props;
  const viewportRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(viewportRef);
  const largeText = useSession((s) => s.presets.largeText);
  const [rem, setRem] = useState(18);
  useLayoutEffect(() => {
    setRem(parseFloat(getComputedStyle(document.documentElement).fontSize) || 18);
  }, [size.width, size.height, largeText]);
  const metrics: TrackMetrics = useMemo(
    () => trackMetrics(size.width, size.height, rem),
    [size.width, size.height, rem],
  );
  const count = model.items.length;

  const offset = useRef(initialIndex * metrics.pitch);
  const velocity = useRef(0);
  const raf = useRef(0);
  const live = useRef(clampItem(model, initialIndex));
  const [range, setRange] = useState(() => visibleRange(offset.current, metrics, count));
  const [focused, setFocused] = useState(live.current);
  const callbacks = useRef({ onFocusChange, onSettled, onOpen });
  callbacks.current = { onFocusChange, onSettled, onOpen };

  const apply = useCallback(
    (x: number) => {
      offset.current = x;
      const layer = layerRef.current;
      if (layer) {
        const shift = metrics.viewport / 2 - metrics.card / 2 - x;
        layer.style.transform =
          metrics.orientation === 'horizontal'
            ? `translate3d(${shift}px,0,0)`
            : `translate3d(0,${shift}px,0)`;
      }
      const next = visibleRange(x, metrics, count);
      setRange((r) => (r.first === next.first && r.last === next.last ? r : next));
      const index = count === 0 ? 0 : Math.max(0, Math.min(count - 1, Math.round(x / metrics.pitch)));
      if (index !== live.current) {
        live.current = index;
        setFocused(index);
        callbacks.current.onFocusChange(index);
      }
    },
    [metrics, count],
  );

  const setMoving = (moving: boolean) => {
    const el = viewportRef.current;
    if (el) el.dataset.moving = String(moving);
  };

  const settle = useCallback(
    (index: number) => {
      cancelAnimationFrame(raf.current);
      raf.current = 0;
      velocity.current = 0;
      apply(index * metrics.pitch);
      setMoving(false);
      const el = viewportRef.current;
      if (el) el.dataset.focusedIndex = String(index);
      callbacks.current.onSettled(index);
    },
    [apply, metrics.pitch],
  );

  const animateTo = useCallback(
    (index: number) => {
      const target = count === 0 ? 0 : Math.max(0, Math.min(count - 1, index));
      cancelAnimationFrame(raf.current);
      if (reducedMotion || metrics.pitch <= 0) {
        settle(target);
        return;
      }
      setMoving(true);
      const started = performance.now();
      let last = started;
      const step = (now: number) => {
        // The spring is solved exactly, so a slow frame takes a big step rather than stalling;
        // the cap only guards against a page that was hidden for a while.
        const dt = Math.min(0.25, Math.max(0, (now - last) / 1000));
        last = now;
        const goal = target * metrics.pitch;
        const s = springStep(offset.current, velocity.current, goal, dt);
        velocity.current = s.v;
        apply(s.x);
        if (isSettled(s.x, s.v, goal) || now - started > 2000) settle(target);
        else raf.current = requestAnimationFrame(step);
      };
      raf.current = requestAnimationFrame(step);
    },
    [count, reducedMotion, metrics.pitch, apply, settle],
  );

  // New geometry (resize, orientation, text size): keep the same card in the centre.
  useLayoutEffect(() => {
    if (metrics.pitch <= 0) return;
    apply(live.current * metrics.pitch);
  }, [metrics, apply]);

  // Commands from the store: the scrubber, next/previous, "its events", the highlights.
  const lastJump = useRef(0);
  useEffect(() => {
    if (!jump || jump.seq === lastJump.current || metrics.pitch <= 0) return;
    lastJump.current = jump.seq;
    const index =
      jump.target.kind === 'item'
        ? clampItem(model, jump.target.index)
        : (model.itemIndexOfEvent.get(jump.target.eventId) ?? live.current);
    if (jump.animate && !reducedMotion && Math.abs(index - offset.current / metrics.pitch) <= 20)
      animateTo(index);
    else settle(index);
  }, [jump, model, metrics.pitch, reducedMotion, animateTo, settle]);

  useEffect(() => () => cancelAnimationFrame(raf.current), []);

  // Gestures. Taps are recognised here too: pointer capture retargets the click.
  const drag = useRef<Drag | null>(null);
  const tracker = useRef(new VelocityTracker());
  const axis = (e: { clientX: number; clientY: number }) =>
    metrics.orientation === 'horizontal' ? e.clientX : e.clientY;

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!e.isPrimary) {
      // A pinch or a two-finger touch is not a tap on the card under it.
      if (drag.current) drag.current.notTap = true;
      return;
    }
    if (inert) return;
    // Catch a gliding track where it is.
    const wasMoving = raf.current !== 0;
    cancelAnimationFrame(raf.current);
    raf.current = 0;
    drag.current = {
      pointerId: e.pointerId,
      start: axis(e),
      startOffset: offset.current,
      startIndex: Math.round(offset.current / Math.max(1, metrics.pitch)),
      target: wasMoving ? null : e.target,
      dragging: false,
      x: e.clientX,
      y: e.clientY,
      notTap: false,
    };
    tracker.current.reset();
    tracker.current.add(e.timeStamp, axis(e));
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const delta = axis(e) - d.start;
    if (Math.hypot(e.clientX - d.x, e.clientY - d.y) > TAP_SLOP) d.notTap = true;
    if (!d.dragging && Math.abs(delta) > TAP_SLOP) {
      d.dragging = true;
      setMoving(true);
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    if (d.dragging) {
      tracker.current.add(e.timeStamp, axis(e));
      apply(rubberBand(d.startOffset - delta, count, metrics.pitch, metrics.viewport));
    }
  };
  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.pointerId !== e.pointerId) return;
    if (d.dragging) {
      const v = -tracker.current.velocity(e.timeStamp);
      velocity.current = v;
      animateTo(flingTarget(offset.current, v, metrics.pitch, count, d.startIndex));
      return;
    }
    if (d.notTap) return;
    const card = d.target instanceof Element ? d.target.closest<HTMLElement>('[data-item-index]') : null;
    if (!card) {
      // A tap that stopped a glide: settle where it is.
      if (d.target === null) animateTo(Math.round(offset.current / metrics.pitch));
      return;
    }
    const index = Number(card.dataset.itemIndex);
    const eventId = card.dataset.eventId;
    if (eventId !== undefined) {
      settle(index);
      callbacks.current.onOpen(eventId);
    } else animateTo(index);
  };
  const onPointerCancel = () => {
    if (drag.current?.dragging) animateTo(Math.round(offset.current / metrics.pitch));
    drag.current = null;
  };

  // Mouse wheels and trackpads: move, then settle on the nearest card.
  const wheelTimer = useRef(0);
  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      cancelAnimationFrame(raf.current);
      raf.current = 0;
      const d = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
      apply(rubberBand(offset.current + d, count, metrics.pitch, metrics.viewport));
      window.clearTimeout(wheelTimer.current);
      wheelTimer.current = window.setTimeout(
        () => animateTo(Math.round(offset.current / metrics.pitch)),
        140,
      );
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', onWheel);
      window.clearTimeout(wheelTimer.current);
    };
  }, [apply, animateTo, count, metrics]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const forward = metrics.orientation === 'horizontal' ? 'ArrowRight' : 'ArrowDown';
    const back = metrics.orientation === 'horizontal' ? 'ArrowLeft' : 'ArrowUp';
    if (e.key === forward) animateTo(live.current + 1);
    else if (e.key === back) animateTo(live.current - 1);
    else if (e.key === 'Enter') {
      const item = model.items[live.current];
      if (item?.kind === 'event') onOpen(item.event.id);
    } else return;
    e.preventDefault();
  };

  const eraColors = useMemo(() => new Map(model.eras.map((s) => [s.era.id, s.color])), [model]);
  const cards = [];
  for (let i = range.first; i <= range.last; i++) {
    const item = model.items[i];
    if (!item) continue;
    const along = i * metrics.pitch;
    const horizontal = metrics.orientation === 'horizontal';
    if (item.kind === 'era') {
      cards.push(
        <EraCard
          key={item.key}
          item={item}
          index={i}
          focused={i === focused}
          language={language}
          defaultLanguage={defaultLanguage}
          along={along}
          length={metrics.card}
          horizontal={horizontal}
        />,
      );
    } else {
      cards.push(
        <EventCard
          key={item.key}
          item={item}
          index={i}
          focused={i === focused}
          manifest={manifest}
          language={language}
          defaultLanguage={defaultLanguage}
          eraColor={eraColors.get(item.eraId ?? '')}
          along={along}
          length={metrics.card}
          horizontal={horizontal}
        />,
      );
    }
  }

  return (
    <div
      ref={viewportRef}
      className={`timeline-track timeline-track--${metrics.orientation} touch-surface`}
      role="listbox"
      aria-label={timelineText(
        language,
        metrics.orientation === 'horizontal' ? 'timeline.track' : 'timeline.trackPortrait',
      )}
      aria-orientation={metrics.orientation}
      tabIndex={inert ? -1 : 0}
      data-testid="timeline-track"
      data-moving="false"
      data-count={count}
      data-cards={cards.length}
      inert={inert}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        // Focus or scrollIntoView can scroll even an overflow-hidden box; the layer alone moves.
        e.currentTarget.scrollLeft = 0;
        e.currentTarget.scrollTop = 0;
      }}
    >
      <div ref={layerRef} className="timeline-track__layer" role="presentation">
        {cards}
      </div>
    </div>
  );
});
