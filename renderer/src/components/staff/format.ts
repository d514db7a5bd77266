import type { StaffProblem } from '../../../../electron/shared/staff-api';
import type { Language } from '../../i18n/language';

/** Bytes as staff read them: "1.4 GB", "320 MB", "12 KB". */
export function formatBytes(n: number | null, language: Language): string {
  if (n === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit >= 3 ? 1 : 0;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit] ?? ''}`;
}

/** Whole days, hours and minutes of a duration in seconds. */
export function durationParts(seconds: number): { days: number; hours: number; minutes: number } {
  const total = Math.max(0, Math.floor(seconds / 60));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}

/** A problem as one line: `file: rule: message`, in the staff's language. */
export function problemLine(p: StaffProblem, language: Language): string {
  const message = p.message[language] || p.message.en;
  const where = p.path ? `${p.path}: ` : '';
  return `${p.file}: ${p.rule}: ${where}${message}`.replace(/[\r\n]+/g, ' ');
}
