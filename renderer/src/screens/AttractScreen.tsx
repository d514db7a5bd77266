import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { PointerEvent } from 'react';
import { armGhostClickGuard } from '../app/ghost-click';
import { loadSandTableScreen, loadTimelineScreen } from '../app/screen-modules';
import { parseUrlOptions } from '../app/url-options';
import { startAttract, stopAttract } from '../flows/attract';
import { attractStages, STAGE_LIMIT_SECONDS, TITLE_STAGE_SECONDS } from '../flows/attract-sequence';
import type { AttractStage } from '../flows/attract-sequence';
import { startTour, stopTour, tourEnded } from '../flows/sand-table-tour';
import { startTimelineHighlights } from '../timeline/highlights';

// Loaded on demand, as the screen router does: the title card needs neither.
const SandTableScreen = lazy(() => loadSandTableScreen().then((m) => ({ default: m.SandTableScreen })));
const TimelineScreen = lazy(() => loadTimelineScreen().then((m) => ({ default: m.TimelineScreen })));
import { idleNow } from '../flows/idle';
import { formatFigure } from '../i18n/format-figure';
import { isLanguage } from '../i18n/language';
import { translate } from '../i18n/translate';
import { useLocalize } from '../i18n/use-t';
import { useManifest, useSession } from '../stores/hooks';
import { selectLanguage, sessionStore } from '../stores/session-store';

const STAT_SECONDS = 6;

/**
 * Plays one stage of the attract loop behind the title: a narrated tour on the sand table, or the
 * timeline's highlights. Calls `onDone` when the stage ends (or after a safety limit); stops
 * whatever it started when unmounted, which is what a visitor's touch does.
 */
function AttractBackdrop({ stage, onDone }: { stage: AttractStage; onDone: () => void }) {
  useEffect(() => {
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      onDone();
    };
    const limit = window.setTimeout(
      done,
      (stage.kind === 'title'
        ? (parseUrlOptions(window.location.search).attractTitleSeconds ?? TITLE_STAGE_SECONDS)
        : STAGE_LIMIT_SECONDS) * 1000,
    );
    let stop: () => void = () => undefined;
    if (stage.kind === 'tour') {
      if (startTour(stage.tourId, { attract: true })) {
        void tourEnded().then(done);
        stop = stopTour;
      } else {
        window.setTimeout(done, 0);
      }
    } else if (stage.kind === 'timeline-highlights') {
      stop = startTimelineHighlights({ timelineId: stage.timelineId, count: stage.count, onFinished: done });
    }
    return () => {
      finished = true;
      window.clearTimeout(limit);
      stop();
    };
  }, [stage, onDone]);

  switch (stage.kind) {
    case 'title':
      return null;
    case 'tour':
      return (
        <div
          className="attract__backdrop"
          aria-hidden="true"
          data-testid="attract-backdrop"
          data-stage="tour"
        >
          <Suspense fallback={null}>
            <SandTableScreen interactive={false} />
          </Suspense>
        </div>
      );
    case 'timeline-highlights':
      return (
        <div
          className="attract__backdrop"
          aria-hidden="true"
          data-testid="attract-backdrop"
          data-stage="timeline"
        >
          <Suspense fallback={null}>
            <TimelineScreen />
          </Suspense>
        </div>
      );
  }
}

/**
 * The idle state: the hall's title card, then its guided tour (the pack's attract playlist of
 * sand-table tours and timeline highlights), round and round. Any touch hands the screen to the
 * visitor (home) and stops what was playing.
 */
export function AttractScreen() {
  const manifest = useManifest();
  const localize = useLocalize();
  const language = useSession(selectLanguage);
  const [statIndex, setStatIndex] = useState(0);
  const stats = manifest.stats;
  const stages = useMemo(() => attractStages(manifest), [manifest]);
  const [stageIndex, setStageIndex] = useState(0);
  const stage = stages[stageIndex % stages.length] ?? { kind: 'title' as const };
  const nextStage = useMemo(() => () => setStageIndex((i) => (i + 1) % Math.max(1, stages.length)), [stages]);

  useEffect(() => {
    startAttract();
    return () => stopAttract();
  }, []);

  useEffect(() => {
    if (stats.length < 2) return;
    const timer = setInterval(() => setStatIndex((i) => (i + 1) % stats.length), STAT_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [stats.length]);

  const onPointerDown = (event: PointerEvent) => {
    event.preventDefault();
    armGhostClickGuard();
    stopAttract();
    sessionStore.getState().attractTouched(idleNow());
  };

  const stat = stats[statIndex % Math.max(1, stats.length)];
  const figure = stat ? formatFigure(stat, language, manifest.defaultLanguage) : undefined;
  // The prompt speaks every language the pack offers: the next visitor may read either.
  const promptLanguages = manifest.languages.filter(isLanguage);

  return (
    <div className="attract" onPointerDown={onPointerDown} data-testid="attract" data-stage={stage.kind}>
      <AttractBackdrop key={stageIndex} stage={stage} onDone={nextStage} />
      <div className="attract__glow" aria-hidden="true" />
      <div className="attract__content">
        <div className="ornament" aria-hidden="true" />
        <h1 className="attract__title" data-testid="pack-title">
          {localize(manifest.title)}
        </h1>
        <p className="attract__subtitle">{localize(manifest.publisher)}</p>
        {figure && stat && (
          <div className="attract__stat" key={stat.id} data-stat={stat.id} data-testid="attract-stat">
            <span className="attract__stat-number">{figure.value}</span>
            {figure.unit !== '' && <span className="attract__stat-unit">{figure.unit}</span>}
            <span className="attract__stat-label">{figure.label}</span>
          </div>
        )}
      </div>
      <div className="attract__prompt" data-testid="touch-to-begin">
        {(promptLanguages.length > 0 ? promptLanguages : [language]).map((lang) => (
          <span key={lang} lang={lang} className="attract__prompt-line">
            {translate(lang, 'attract.touchToBegin')}
          </span>
        ))}
      </div>
    </div>
  );
}
