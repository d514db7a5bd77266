import { STAFF_PIN_MAX_DIGITS, STAFF_PIN_MIN_DIGITS } from '../../../../electron/shared/staff-api';

export type PinPadLabels = {
  title: string;
  hint: string;
  delete: string;
  clear: string;
  enter: string;
  checking: string;
  entered: string;
  digit: (digit: string) => string;
};

export type PinPadProps = {
  /** How many digits are typed (the digits themselves are never shown). */
  length: number;
  checking: boolean;
  labels: PinPadLabels;
  onDigit: (digit: string) => void;
  onDelete: () => void;
  onClear: () => void;
  onEnter: () => void;
};

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** The on-screen PIN pad: large keys, dots for typed digits, nothing echoed. */
export function PinPad({ length, checking, labels, onDigit, onDelete, onClear, onEnter }: PinPadProps) {
  const dots = Array.from(
    { length: Math.max(STAFF_PIN_MIN_DIGITS, Math.min(STAFF_PIN_MAX_DIGITS, length)) },
    (_, i) => i < length,
  );
  return (
    <div className="pin-pad" data-testid="pin-pad">
      <h2 className="pin-pad__title">{labels.title}</h2>
      <p className="pin-pad__hint">{checking ? labels.checking : labels.hint}</p>
      <div className="pin-pad__dots" aria-label={labels.entered} data-testid="pin-dots" data-length={length}>
        {dots.map((filled, i) => (
          <span key={i} className={filled ? 'pin-pad__dot pin-pad__dot--filled' : 'pin-pad__dot'} />
        ))}
      </div>
      <div className="pin-pad__keys">
        {KEYS.map((d) => (
          <button
            key={d}
            type="button"
            className="pin-pad__key"
            aria-label={labels.digit(d)}
            disabled={checking}
            onClick={() => onDigit(d)}
            data-testid={`pin-key-${d}`}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          className="pin-pad__key pin-pad__key--aux"
          disabled={checking || length === 0}
          onClick={onClear}
          data-testid="pin-clear"
        >
          {labels.clear}
        </button>
        <button
          type="button"
          className="pin-pad__key"
          aria-label={labels.digit('0')}
          disabled={checking}
          onClick={() => onDigit('0')}
          data-testid="pin-key-0"
        >
          0
        </button>
        <button
          type="button"
          className="pin-pad__key pin-pad__key--aux"
          disabled={checking || length === 0}
          onClick={onDelete}
          data-testid="pin-delete"
        >
          {labels.delete}
        </button>
      </div>
      <button
        type="button"
        className="button button--primary pin-pad__enter"
        disabled={checking || length < STAFF_PIN_MIN_DIGITS}
        onClick={onEnter}
        data-testid="pin-enter"
      >
        {labels.enter}
      </button>
    </div>
  );
}
