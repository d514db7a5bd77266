import { useEffect, useRef, useState } from 'react';
import type { GroupKind } from '../../stores/checkin-store';
import { checkInStore, GROUP_KINDS, MAX_HEAD_COUNT, selectHallTotal } from '../../stores/checkin-store';
import { useCheckIns } from './hooks';
import type { SandT } from './strings';

const STEPS = [1, 5, 10] as const;

/** After a check-in the button rests this long: a second tap (or five) is the same group. */
export const CHECK_IN_REST_MS = 3000;

/**
 * 一键报到: a study group checks in with taps only — an optional group kind, a head count
 * stepper — and sees the running totals. No keyboard on a kiosk.
 */
export function CheckInPanel({ placeId, t }: { placeId: string; t: SandT }) {
  const totals = useCheckIns((s) => s.totals[placeId]);
  const hall = useCheckIns(selectHallTotal);
  const [group, setGroup] = useState<GroupKind | null>(null);
  const [count, setCount] = useState(1);
  const [done, setDone] = useState(false);
  const [resting, setResting] = useState(false);
  // A ref as well as state: taps that arrive before React re-renders the disabled button.
  const lastAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (!resting) return;
    const timer = setTimeout(() => setResting(false), CHECK_IN_REST_MS);
    return () => clearTimeout(timer);
  }, [resting]);
  const change = (d: number) => {
    setDone(false);
    setCount((c) => Math.min(MAX_HEAD_COUNT, Math.max(1, c + d)));
  };
  const submit = () => {
    const now = performance.now();
    if (now - lastAt.current < CHECK_IN_REST_MS) return;
    lastAt.current = now;
    checkInStore.getState().checkedIn({ placeId, group, headCount: count });
    setDone(true);
    setResting(true);
    setGroup(null);
    setCount(1);
  };
  return (
    <div className="check-in" data-testid="check-in">
      <p
        className="check-in__totals"
        data-testid="check-in-totals"
        data-groups={totals?.groups ?? 0}
        data-people={totals?.people ?? 0}
      >
        {t('checkin.totals', { groups: totals?.groups ?? 0, people: totals?.people ?? 0 })}
      </p>
      <fieldset className="check-in__groups">
        <legend>{t('checkin.group')}</legend>
        {GROUP_KINDS.map((g) => (
          <button
            key={g}
            type="button"
            className="sand-chip"
            aria-pressed={group === g}
            onClick={() => {
              setDone(false);
              setGroup((cur) => (cur === g ? null : g));
            }}
            data-testid={`check-in-group-${g}`}
          >
            {t(`group.${g}`)}
          </button>
        ))}
      </fieldset>
      <div className="check-in__count" role="group" aria-label={t('checkin.count')}>
        <span className="check-in__label">{t('checkin.count')}</span>
        {[...STEPS].reverse().map((s) => (
          <button
            key={`-${s}`}
            type="button"
            className="check-in__step"
            onClick={() => change(-s)}
            aria-label={`${t('checkin.less')} ${s}`}
            data-testid={`check-in-minus-${s}`}
          >
            −{s === 1 ? '' : s}
          </button>
        ))}
        <output className="check-in__value" data-testid="check-in-count">
          {count}
        </output>
        {STEPS.map((s) => (
          <button
            key={`+${s}`}
            type="button"
            className="check-in__step"
            onClick={() => change(s)}
            aria-label={`${t('checkin.more')} ${s}`}
            data-testid={`check-in-plus-${s}`}
          >
            +{s === 1 ? '' : s}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button button--primary check-in__submit"
        onClick={submit}
        aria-disabled={resting}
        data-resting={resting}
        data-testid="check-in-submit"
      >
        {resting ? t('checkin.done') : done ? t('checkin.again') : t('checkin.submit')}
      </button>
      {done && (
        <p className="check-in__thanks" role="status" data-testid="check-in-thanks">
          {t('checkin.thanks')}
        </p>
      )}
      <p className="check-in__hall">{t('checkin.hall', { people: hall.people })}</p>
    </div>
  );
}
