/**
 * "Opens tomorrow at 09:00": the closed screen's line about the next opening, in local time.
 * Pure (the time and "now" come in), so it is tested without a clock.
 */
import type { Language } from '../i18n/language';
import { translate } from '../i18n/translate';

const pad = (n: number) => String(n).padStart(2, '0');

const dayNumber = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;

export function openingText(nextOpen: number | null, now: Date, language: Language): string {
  if (nextOpen === null) return translate(language, 'closed.notScheduled');
  const at = new Date(nextOpen);
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const days = dayNumber(at) - dayNumber(now);
  if (days <= 0) return translate(language, 'closed.opensToday', { time });
  if (days === 1) return translate(language, 'closed.opensTomorrow', { time });
  const date = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-Hans-CN', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(at);
  return translate(language, 'closed.opensOn', { date, time });
}
