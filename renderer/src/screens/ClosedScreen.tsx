/**
 * Outside opening hours the attract loop gives way to this: a dimmed, still screen with the
 * hall's name and when it opens, in every language the pack offers. No sound, no WebGL, no
 * animation (the attract loop is not mounted); the text block shifts a little every few minutes
 * so a screen left on all night does not keep one image. A touch wakes the kiosk: the visitor
 * lands on the home screen, and the idle reset brings this screen back.
 */
import type { PointerEvent } from 'react';
import { useEffect, useState } from 'react';
import { localize } from '../../../electron/shared/pack-schema';
import type { HallSettings } from '../../../electron/shared/hall-settings';
import { armGhostClickGuard } from '../app/ghost-click';
import { openingText } from '../app/opening-text';
import { idleNow } from '../flows/idle';
import { isLanguage } from '../i18n/language';
import type { Language } from '../i18n/language';
import { translate } from '../i18n/translate';
import { selectHallHours, selectHallSettings } from '../stores/hall-store';
import { useHall, useManifest } from '../stores/hooks';
import { sessionStore } from '../stores/session-store';

/** Small offsets (percent of the screen) the text block steps through, one every DRIFT_MS. */
const DRIFT = [
  [0, 0],
  [-3, -2],
  [2, 3],
  [3, -3],
  [-2, 2],
] as const;
const DRIFT_MS = 5 * 60_000;

function hallNameIn(name: HallSettings['hallName'], language: Language, fallback: string): string {
  if (name === undefined) return fallback;
  if (typeof name === 'string') return name;
  return name[language] ?? Object.values(name)[0] ?? fallback;
}

export function ClosedScreen() {
  const manifest = useManifest();
  const settings = useHall(selectHallSettings);
  const hours = useHall(selectHallHours);
  const [drift, setDrift] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setDrift((i) => (i + 1) % DRIFT.length), DRIFT_MS);
    return () => clearInterval(timer);
  }, []);

  const onPointerDown = (event: PointerEvent) => {
    event.preventDefault();
    armGhostClickGuard();
    sessionStore.getState().attractTouched(idleNow());
  };

  const languages = manifest.languages.filter(isLanguage);
  const shown: Language[] = languages.length > 0 ? languages : ['zh-Hans'];
  const [dx, dy] = DRIFT[drift] ?? [0, 0];
  const now = new Date();

  return (
    <div className="closed" onPointerDown={onPointerDown} data-testid="closed-screen">
      <div className="closed__content" style={{ transform: `translate(${dx}vw, ${dy}vh)` }}>
        <div className="ornament" aria-hidden="true" />
        {shown.map((lang, index) => (
          <div
            key={lang}
            lang={lang}
            className={index === 0 ? 'closed__block' : 'closed__block closed__block--second'}
          >
            <h1 className="closed__name" data-testid={`closed-name-${lang}`}>
              {hallNameIn(settings.hallName, lang, localize(manifest.title, lang, manifest.defaultLanguage))}
            </h1>
            <p className="closed__state">{translate(lang, 'closed.now')}</p>
            <p className="closed__opens" data-testid={`closed-opens-${lang}`}>
              {openingText(hours.nextOpen, now, lang)}
            </p>
          </div>
        ))}
        <p className="closed__touch">{shown.map((lang) => translate(lang, 'closed.touch')).join(' · ')}</p>
      </div>
    </div>
  );
}
