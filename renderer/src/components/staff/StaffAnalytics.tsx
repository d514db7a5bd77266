import type { AnalyticsSummary } from '../../../../electron/shared/analytics';
import { DWELL_BUCKETS_S, HEAT_COLS, HEAT_ROWS } from '../../../../electron/shared/analytics';
import type {
  StaffAnalytics as StaffAnalyticsResult,
  StaffDayRange,
  StaffOk,
} from '../../../../electron/shared/staff-api';
import type { Language } from '../../i18n/language';
import type { T } from '../../i18n/use-t';

export type StaffAnalyticsProps = {
  result: StaffOk<StaffAnalyticsResult> | null;
  range: StaffDayRange;
  language: Language;
  t: T;
  busy: boolean;
  /** A place's or event's name in the staff's language ('' when the pack on screen has none). */
  nameOf: (kind: 'place' | 'event' | 'tour', id: string) => string;
  onRange: (days: number) => void;
};

const RANGES = [7, 30, 365] as const;

type Bar = { key: string; label: string; value: number };

/** Vertical bars with labels under every `labelEvery`-th bar; the count on top of each non-zero bar. */
function Columns({
  bars,
  title,
  labelEvery = 1,
  testId,
}: {
  bars: Bar[];
  title: string;
  labelEvery?: number;
  testId: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const w = 100 / Math.max(1, bars.length);
  return (
    <figure className="staff-chart" data-testid={testId}>
      <figcaption className="staff-chart__title">{title}</figcaption>
      <svg
        className="staff-chart__svg"
        viewBox="0 0 100 60"
        preserveAspectRatio="none"
        role="img"
        aria-label={title}
      >
        {bars.map((b, i) => {
          const h = (b.value / max) * 50;
          return (
            <rect
              key={b.key}
              x={i * w + w * 0.12}
              y={52 - h}
              width={w * 0.76}
              height={Math.max(h, b.value > 0 ? 0.6 : 0)}
              className="staff-chart__bar"
            >
              <title>{`${b.label}: ${b.value}`}</title>
            </rect>
          );
        })}
        <line x1="0" x2="100" y1="52.2" y2="52.2" className="staff-chart__axis" />
      </svg>
      <div className="staff-chart__labels" style={{ gridTemplateColumns: `repeat(${bars.length}, 1fr)` }}>
        {bars.map((b, i) => (
          <span key={b.key}>{i % labelEvery === 0 ? b.label : ''}</span>
        ))}
      </div>
    </figure>
  );
}

/** Horizontal bars: a ranked list with counts. */
function Ranking({
  bars,
  title,
  empty,
  testId,
}: {
  bars: Bar[];
  title: string;
  empty: string;
  testId: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="staff-chart" data-testid={testId}>
      <figcaption className="staff-chart__title">{title}</figcaption>
      {bars.length === 0 ? (
        <p className="staff-muted">{empty}</p>
      ) : (
        <ol className="staff-ranking">
          {bars.map((b) => (
            <li key={b.key} className="staff-ranking__row" data-key={b.key}>
              <span className="staff-ranking__label">{b.label}</span>
              <span className="staff-ranking__track">
                <span className="staff-ranking__fill" style={{ width: `${(b.value / max) * 100}%` }} />
              </span>
              <span className="staff-ranking__value">{b.value}</span>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}

/**
 * Touches on the coarse grid, over the kiosk's picture of its home screen in that orientation, or
 * over the screen's outline where the kiosk has taken none yet.
 */
function Heatmap({
  cells,
  orientation,
  title,
  screen,
}: {
  cells: readonly number[];
  orientation: 'landscape' | 'portrait';
  title: string;
  screen: string | null;
}) {
  const max = Math.max(1, ...cells);
  const [w, h] = orientation === 'landscape' ? [160, 90] : [90, 160];
  const cw = w / HEAT_COLS;
  const ch = h / HEAT_ROWS;
  return (
    <figure
      className="staff-chart staff-chart--heat"
      data-testid={`staff-heat-${orientation}`}
      data-over={screen ? 'screen' : 'outline'}
    >
      <figcaption className="staff-chart__title">{title}</figcaption>
      <svg
        className={`staff-heat staff-heat--${orientation}`}
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-label={title}
      >
        <rect x="0" y="0" width={w} height={h} className="staff-heat__screen" />
        {screen ? (
          <image
            href={screen}
            x="0"
            y="0"
            width={w}
            height={h}
            preserveAspectRatio="none"
            className="staff-heat__picture"
            data-testid={`staff-heat-picture-${orientation}`}
          />
        ) : (
          // The top bar and the home button, so staff can place the touches.
          <rect x="0" y="0" width={w} height={h * 0.07} className="staff-heat__bar" />
        )}
        {cells.map((n, i) =>
          n === 0 ? null : (
            <rect
              key={i}
              x={(i % HEAT_COLS) * cw}
              y={Math.floor(i / HEAT_COLS) * ch}
              width={cw}
              height={ch}
              className="staff-heat__cell"
              style={{ opacity: 0.35 + 0.65 * (n / max) }}
            >
              <title>{String(n)}</title>
            </rect>
          ),
        )}
      </svg>
    </figure>
  );
}

function dwellLabel(i: number, language: Language): string {
  const fmt = (s: number) =>
    s < 60 ? `${s}${language === 'en' ? ' s' : '秒'}` : `${s / 60}${language === 'en' ? ' min' : '分'}`;
  const lower = i === 0 ? 0 : (DWELL_BUCKETS_S[i - 1] ?? 0);
  const upper = DWELL_BUCKETS_S[i];
  return upper === undefined ? `≥ ${fmt(lower)}` : `${fmt(lower)}–${fmt(upper)}`;
}

function Charts({
  summary,
  screens,
  language,
  t,
  nameOf,
}: {
  summary: AnalyticsSummary;
  screens: { landscape: string | null; portrait: string | null };
  language: Language;
  t: T;
  nameOf: StaffAnalyticsProps['nameOf'];
}) {
  const number = new Intl.NumberFormat(language);
  const days = summary.days.map((d) => ({ key: d.day, label: d.day.slice(5), value: d.sessions }));
  const hours = summary.hours.map((n, h) => ({ key: String(h), label: String(h), value: n }));
  const dwell = summary.dwell.map((n, i) => ({ key: String(i), label: dwellLabel(i, language), value: n }));
  const named = (kind: 'place' | 'event' | 'tour') => (r: { key: string; count: number }) => ({
    key: r.key,
    label: nameOf(kind, r.key) || r.key,
    value: r.count,
  });
  const languages = summary.languages.map((r) => ({
    key: r.key,
    label: r.key === 'zh-Hans' ? '中文' : r.key === 'en' ? 'English' : r.key,
    value: r.count,
  }));
  const facts: [string, string][] = [
    [t('staff.analytics.sessions'), number.format(summary.sessions)],
    [
      t('staff.analytics.medianDwell'),
      summary.medianDwellSeconds === null
        ? '—'
        : t('staff.analytics.seconds', { count: Math.round(summary.medianDwellSeconds) }),
    ],
    [
      t('staff.analytics.media'),
      t('staff.analytics.mediaValue', {
        plays: summary.media.plays,
        minutes: Math.round(summary.media.playedSeconds / 60),
      }),
    ],
    [
      t('staff.analytics.checkIns'),
      t('staff.analytics.checkInsValue', {
        groups: summary.checkIns.groups,
        people: summary.checkIns.people,
      }),
    ],
  ];
  if (summary.skippedLines > 0)
    facts.push([t('staff.analytics.skipped'), number.format(summary.skippedLines)]);
  const heatShown = (['landscape', 'portrait'] as const).filter((o) => summary.heat[o].some((n) => n > 0));
  return (
    <>
      <dl className="staff-facts staff-facts--wide" data-testid="staff-analytics-facts">
        {facts.map(([label, value]) => (
          <div key={label} className="staff-facts__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="staff-charts">
        <Columns
          bars={days}
          title={t('staff.analytics.perDay')}
          labelEvery={Math.ceil(days.length / 10)}
          testId="staff-chart-days"
        />
        <Columns
          bars={hours}
          title={t('staff.analytics.perHour')}
          labelEvery={3}
          testId="staff-chart-hours"
        />
        <Ranking
          bars={summary.places.slice(0, 10).map(named('place'))}
          title={t('staff.analytics.places')}
          empty={t('staff.analytics.none')}
          testId="staff-top-places"
        />
        <Ranking
          bars={summary.events.slice(0, 10).map(named('event'))}
          title={t('staff.analytics.events')}
          empty={t('staff.analytics.none')}
          testId="staff-top-events"
        />
        <Ranking
          bars={languages}
          title={t('staff.analytics.languages')}
          empty={t('staff.analytics.none')}
          testId="staff-languages"
        />
        <Columns bars={dwell} title={t('staff.analytics.dwell')} testId="staff-chart-dwell" />
        <Ranking
          bars={summary.tours.slice(0, 10).map(named('tour'))}
          title={t('staff.analytics.tours')}
          empty={t('staff.analytics.none')}
          testId="staff-tours"
        />
        {heatShown.length === 0 ? (
          <figure className="staff-chart">
            <figcaption className="staff-chart__title">{t('staff.analytics.heat')}</figcaption>
            <p className="staff-muted">{t('staff.analytics.none')}</p>
          </figure>
        ) : (
          heatShown.map((o) => (
            <Heatmap
              key={o}
              cells={summary.heat[o]}
              orientation={o}
              screen={screens[o]}
              title={`${t('staff.analytics.heat')} · ${t(`staff.analytics.${o}`)}`}
            />
          ))
        )}
      </div>
    </>
  );
}

/** Visitor numbers of a range of days: facts, charts and the touch heatmap. */
export function StaffAnalytics({ result, range, language, t, busy, nameOf, onRange }: StaffAnalyticsProps) {
  return (
    <section className="staff-panel" data-testid="staff-analytics">
      <div className="staff-panel__actions">
        {RANGES.map((days) => (
          <button
            key={days}
            type="button"
            className="button"
            disabled={busy}
            onClick={() => onRange(days)}
            data-testid={`staff-range-${days}`}
          >
            {t('staff.analytics.lastDays', { count: days })}
          </button>
        ))}
        <span className="staff-muted" data-testid="staff-range">
          {range.from} – {range.to}
        </span>
      </div>
      {result ? (
        <Charts summary={result.summary} screens={result.screens} language={language} t={t} nameOf={nameOf} />
      ) : (
        <p className="staff-busy">{t('staff.busy')}</p>
      )}
    </section>
  );
}
