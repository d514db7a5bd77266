export type ErrorFallbackProps = {
  /** Message lines, shown in order (usually Chinese first, then English). Never error details. */
  lines: readonly { lang: string; title: string; body: string }[];
  retryLabel: string;
  onRetry: () => void;
};

/** The calm screen a visitor sees when something went wrong: no stack, no codes, a way forward. */
export function ErrorFallback({ lines, retryLabel, onRetry }: ErrorFallbackProps) {
  return (
    <div className="error-fallback" role="alert" data-testid="error-fallback">
      <div className="error-fallback__ornament" aria-hidden="true" />
      {lines.map((line) => (
        <div key={line.lang} className="error-fallback__message" lang={line.lang}>
          <h1 className="error-fallback__title">{line.title}</h1>
          <p className="error-fallback__body">{line.body}</p>
        </div>
      ))}
      <button type="button" className="button button--primary" onClick={onRetry} data-testid="error-retry">
        {retryLabel}
      </button>
    </div>
  );
}
