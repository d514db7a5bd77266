import '../components/timeline/timeline.css';
import '../components/media/media.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Timeline } from '../../../electron/shared/pack-schema';
import { clearSignal, setSignal } from '../app/signals';
import { parseUrlOptions } from '../app/url-options';
import { eraDates } from '../components/timeline/EraCard';
import { TimelineTrack } from '../components/timeline/TimelineTrack';
import { YearScrubber } from '../components/timeline/YearScrubber';
import { installTimelineDebugHook } from '../timeline/debug';
import { useManifest, useSession } from '../stores/hooks';
import { playerStore } from '../stores/player-store';
import { selectLanguage } from '../stores/session-store';
import {
  selectAutoplay,
  selectJump,
  selectOpenEventId,
  selectTimelineId,
  timelineStore,
} from '../stores/timeline-store';
import { useReducedMotion, useTimeline, useTimelineT } from '../timeline/hooks';
import type { TimelineModel } from '../timeline/model';
import { buildTimelineModel, eraIdAtItem, textIn } from '../timeline/model';
import { EventDetail } from './EventDetail';

/**
 * The timeline screen: chapters and events along a swipeable track, a year scrubber, and an
 * event's story opened over it. Leaving the screen (or closing a story) stops every medium.
 */
export function TimelineScreen() {
  const manifest = useManifest();
  const t = useTimelineT();
  const chosen = useTimeline(selectTimelineId);
  const timeline: Timeline | undefined =
    manifest.timelines.find((x) => x.id === chosen) ?? manifest.timelines[0];

  useEffect(() => {
    // Stays after the screen closes: tests read the sand table's state after "show on the sand table".
    if (parseUrlOptions(window.location.search).debug) installTimelineDebugHook();
  }, []);
  // Leaving the timeline stops whatever plays.
  useEffect(() => () => playerStore.getState().stopRequested(), []);

  if (!timeline) {
    return (
      <div className="timeline-screen timeline-screen--empty" data-testid="timeline-screen">
        <p className="timeline-screen__empty">{t('timeline.empty')}</p>
      </div>
    );
  }
  return <TimelineView key={`${timeline.id}`} timeline={timeline} />;
}

function TimelineView({ timeline }: { timeline: Timeline }) {
  const manifest = useManifest();
  const language = useSession(selectLanguage);
  const defaultLanguage = useSession((s) => s.defaultLanguage);
  const reducedMotion = useReducedMotion();
  const t = useTimelineT();
  const model: TimelineModel = useMemo(() => buildTimelineModel(timeline), [timeline]);
  const jump = useTimeline(selectJump);
  const openEventId = useTimeline(selectOpenEventId);
  const autoplay = useTimeline(selectAutoplay);
  const [initialIndex] = useState(() =>
    Math.min(timelineStore.getState().focusedIndex, Math.max(0, model.items.length - 1)),
  );
  const [live, setLive] = useState(initialIndex);
  const openIndex = openEventId === null ? undefined : model.itemIndexOfEvent.get(openEventId);
  const openItem = openIndex === undefined ? undefined : model.items[openIndex];

  // Signals for tests and the benchmark: the first cards are on screen.
  useEffect(() => {
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        performance.mark('timeline:first-render');
        setSignal('timelineReady', 'true');
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
      clearSignal('timelineReady');
    };
  }, []);
  useEffect(() => {
    if (openEventId === null) clearSignal('timelineEvent');
    else setSignal('timelineEvent', openEventId);
    return () => clearSignal('timelineEvent');
  }, [openEventId]);

  const onFocusChange = useCallback((i: number) => setLive(i), []);
  const onSettled = useCallback((i: number) => timelineStore.getState().trackSettled(i), []);
  const onOpen = useCallback((id: string) => timelineStore.getState().eventOpened(id), []);
  const onScrub = useCallback(
    (i: number, animate: boolean) => timelineStore.getState().yearScrubbed(i, animate),
    [],
  );
  const onClose = useCallback(() => {
    playerStore.getState().stopRequested();
    timelineStore.getState().eventClosed();
  }, []);
  const onStep = useCallback(
    (delta: number) => {
      const current = openEventId === null ? undefined : model.itemIndexOfEvent.get(openEventId);
      const item = current === undefined ? undefined : model.items[current];
      if (item?.kind !== 'event') return;
      const next = model.events[item.eventIndex + delta];
      if (!next) return;
      playerStore.getState().stopRequested();
      timelineStore.getState().eventRequested(null, next.event.id, true);
    },
    [model, openEventId],
  );

  // Any touch during the highlights hands the timeline to the visitor.
  const rootRef = useRef<HTMLDivElement>(null);
  const onPointerDownCapture = () => {
    if (timelineStore.getState().autoplay.running) timelineStore.getState().visitorTookOver();
  };

  const eraId = eraIdAtItem(model, live);
  const era = model.eras.find((s) => s.era.id === eraId);
  const portrait = typeof window !== 'undefined' && window.innerHeight > window.innerWidth;
  return (
    <div
      ref={rootRef}
      className="timeline-screen"
      data-testid="timeline-screen"
      data-orientation={portrait ? 'portrait' : 'landscape'}
      data-era={eraId ?? ''}
      style={era ? { ['--era-color' as string]: era.color } : undefined}
      onPointerDownCapture={onPointerDownCapture}
    >
      <header className="timeline-header">
        <div className="timeline-header__titles">
          <h1 className="timeline-header__title">{textIn(timeline.title, language, defaultLanguage)}</h1>
          {manifest.timelines.length > 1 && (
            <nav className="timeline-header__choices">
              {manifest.timelines.map((x) => (
                <button
                  key={x.id}
                  type="button"
                  className="button button--ghost"
                  aria-pressed={x.id === timeline.id}
                  onClick={() => timelineStore.getState().timelineChosen(x.id)}
                >
                  {textIn(x.title, language, defaultLanguage)}
                </button>
              ))}
            </nav>
          )}
        </div>
        <nav
          className="timeline-header__era"
          data-testid="current-era"
          data-era-id={eraId ?? ''}
          aria-label={t('timeline.chapters')}
        >
          {model.eras
            .filter((span) => span.cardIndex >= 0)
            .map((span) => {
              const current = span.era.id === eraId;
              return (
                <button
                  key={span.era.id}
                  type="button"
                  className="timeline-chapter"
                  aria-current={current ? 'true' : undefined}
                  data-testid={`chapter-${span.era.id}`}
                  style={{ ['--era-color' as string]: span.color }}
                  onClick={() => onScrub(span.cardIndex, true)}
                >
                  <span className="timeline-header__era-mark" aria-hidden="true" />
                  <span className="timeline-header__era-title">
                    {textIn(span.era.title, language, defaultLanguage)}
                  </span>
                  {current && (
                    <span className="timeline-header__era-dates">
                      {eraDates(span.era.from, span.era.to, language)}
                    </span>
                  )}
                </button>
              );
            })}
        </nav>
        {autoplay.running && (
          <p className="timeline-header__autoplay" data-testid="timeline-autoplay">
            {t('timeline.highlights')} · {t('timeline.touchToExplore')}
          </p>
        )}
      </header>
      <TimelineTrack
        model={model}
        manifest={manifest}
        language={language}
        defaultLanguage={defaultLanguage}
        jump={jump}
        initialIndex={initialIndex}
        reducedMotion={reducedMotion}
        onFocusChange={onFocusChange}
        onSettled={onSettled}
        onOpen={onOpen}
        inert={openItem !== undefined}
      />
      <YearScrubber model={model} index={live} language={language} onScrub={onScrub} />
      {openItem?.kind === 'event' && (
        <EventDetail
          key={openItem.event.id}
          model={model}
          item={openItem}
          manifest={manifest}
          language={language}
          defaultLanguage={defaultLanguage}
          autoplay={autoplay.running}
          onClose={onClose}
          onStep={onStep}
        />
      )}
    </div>
  );
}
