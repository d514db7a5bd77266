/** Units printed exactly: KiB/MiB are powers of 1024, never "MB" for MiB. */

export type Unit = 'ms' | 's' | 'KiB' | 'MiB' | 'MiB/s' | '×' | 'count';

export const KiB = 1024;
export const MiB = 1024 * 1024;

export function digitsFor(value: number): number {
  const a = Math.abs(value);
  if (a === 0 || a >= 100) return 0;
  if (a >= 10) return 1;
  if (a >= 1) return 2;
  return 3;
}

/** `12.3 ms`, `1.05 ×`, `245 KiB`, `7` (count). */
export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '—';
  const text = value.toFixed(digitsFor(value));
  if (unit === 'count') return text;
  if (unit === '×') return `${text}×`;
  return `${text} ${unit}`;
}

/** Bytes in the larger binary unit that keeps the number readable. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return formatValue(bytes / MiB, 'MiB');
  return formatValue(bytes / KiB, 'KiB');
}
