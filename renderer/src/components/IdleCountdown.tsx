export type IdleCountdownProps = {
  secondsLeft: number;
  totalSeconds: number;
  title: string;
  body: string;
  continueLabel: string;
  onContinue: () => void;
};

/** "Still there?" — a gentle overlay with a draining ring and one big Continue button. */
export function IdleCountdown({
  secondsLeft,
  totalSeconds,
  title,
  body,
  continueLabel,
  onContinue,
}: IdleCountdownProps) {
  const fraction = totalSeconds > 0 ? Math.max(0, Math.min(1, secondsLeft / totalSeconds)) : 0;
  const circumference = 2 * Math.PI * 45;
  return (
    <div
      className="idle-countdown"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      data-testid="idle-countdown"
    >
      <div className="idle-countdown__panel">
        <svg className="idle-countdown__ring" viewBox="0 0 100 100" aria-hidden="true">
          <circle className="idle-countdown__track" cx="50" cy="50" r="45" />
          <circle
            className="idle-countdown__progress"
            cx="50"
            cy="50"
            r="45"
            strokeDasharray={circumference}
            strokeDashoffset={circumference * (1 - fraction)}
          />
          <text
            x="50"
            y="50"
            className="idle-countdown__seconds"
            textAnchor="middle"
            dominantBaseline="central"
          >
            {Math.ceil(secondsLeft)}
          </text>
        </svg>
        <h2 id="idle-title" className="idle-countdown__title">
          {title}
        </h2>
        <p className="idle-countdown__body">{body}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={onContinue}
          data-testid="idle-continue"
        >
          {continueLabel}
        </button>
      </div>
    </div>
  );
}
