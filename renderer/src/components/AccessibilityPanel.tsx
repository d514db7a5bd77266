import type { PresetName, Presets } from '../stores/session-store';
import { Icon } from './Icon';

export type AccessibilityPanelProps = {
  presets: Presets;
  labels: Record<PresetName, string> & { title: string; close: string };
  onToggle: (preset: PresetName) => void;
  onClose: () => void;
};

const ORDER: readonly PresetName[] = ['largeText', 'highContrast', 'reducedMotion'];

/** Large text, high contrast and reduced motion: big switches, applied instantly. */
export function AccessibilityPanel({ presets, labels, onToggle, onClose }: AccessibilityPanelProps) {
  return (
    <div className="a11y-panel" role="dialog" aria-label={labels.title} data-testid="a11y-panel">
      <h2 className="a11y-panel__title">{labels.title}</h2>
      {ORDER.map((preset) => (
        <button
          key={preset}
          type="button"
          className="a11y-panel__switch"
          role="switch"
          aria-checked={presets[preset]}
          onClick={() => onToggle(preset)}
          data-testid={`preset-${preset}`}
        >
          <span className="a11y-panel__box" aria-hidden="true">
            {presets[preset] && <Icon name="check" />}
          </span>
          {labels[preset]}
        </button>
      ))}
      <button type="button" className="button button--primary a11y-panel__close" onClick={onClose}>
        {labels.close}
      </button>
    </div>
  );
}
