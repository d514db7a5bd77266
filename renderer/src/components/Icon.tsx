/** Line icons drawn for the kiosk (no icon font, nothing fetched). Decorative: aria-hidden. */
export type IconName = 'home' | 'accessibility' | 'sand-table' | 'timeline' | 'language' | 'check';

const paths: Record<IconName, string> = {
  home: 'M4 11.5 12 4l8 7.5M6.5 9.5V20h4.5v-6h2v6h4.5V9.5',
  accessibility:
    'M12 5.2a1.6 1.6 0 1 0 0-3.2 1.6 1.6 0 0 0 0 3.2ZM4.5 8.2c2.4.7 4.9 1 7.5 1s5.1-.3 7.5-1M12 9.2V14m0 0-3.2 7.5M12 14l3.2 7.5',
  'sand-table':
    'M3 17.5 9 14l6 3.5 6-3.5M3 17.5V8L9 4.5 15 8l6-3.5V14M9 4.5V14m6-6v9.5M12.8 11.5a1.8 1.8 0 1 0 0-.01',
  timeline:
    'M2 15h2.2m3.6 0h2.4m3.6 0h2.4m3.6 0H22M7.8 15a1.8 1.8 0 1 1-3.6 0 1.8 1.8 0 0 1 3.6 0Zm6 0a1.8 1.8 0 1 1-3.6 0 1.8 1.8 0 0 1 3.6 0Zm6 0a1.8 1.8 0 1 1-3.6 0 1.8 1.8 0 0 1 3.6 0ZM6 13.2V8h4M12 13.2V4.5h4.5M18 13.2V9.5h-3',
  language: 'M4 5h10M9 3v2m3.5 0c-1 4.5-4 8-8.5 10M6.5 9c1.2 2.5 3.2 4.2 5.5 5M13 21l4-9 4 9m-6.8-3h5.6',
  check: 'M5 12.5 10 17.5 19.5 7',
};

export type IconProps = { name: IconName; className?: string };

export function Icon({ name, className }: IconProps) {
  return (
    <svg
      className={className === undefined ? 'icon' : `icon ${className}`}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
