import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';
import { errorData, log } from '../bridge/log';
import { ErrorFallback } from '../components/ErrorFallback';
import { translate } from '../i18n/translate';
import { clearSignal, setSignal } from './signals';

export type AppErrorBoundaryProps = {
  children: ReactNode;
  /** Called before the children are mounted again (reload content, reset stores …). */
  onRetry?: () => void;
  /** An unattended kiosk heals itself: retry on its own after this long. */
  autoRetryMs?: number;
};

type State = { failed: boolean };

/**
 * The last line: any render error below becomes a calm, bilingual message with a retry button.
 * The error goes to the log, never to the screen.
 */
export class AppErrorBoundary extends Component<AppErrorBoundaryProps, State> {
  override state: State = { failed: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    log.error('render error caught by the app boundary', {
      ...errorData(error),
      componentStack: info.componentStack ?? '',
    });
    setSignal('appError', 'crash');
    this.clearTimer();
    this.timer = setTimeout(this.retry, this.props.autoRetryMs ?? 60_000);
  }

  override componentWillUnmount(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly retry = (): void => {
    this.clearTimer();
    clearSignal('appError');
    log.info('app boundary retry');
    this.props.onRetry?.();
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorFallback
        lines={[
          {
            lang: 'zh-Hans',
            title: translate('zh-Hans', 'error.title'),
            body: translate('zh-Hans', 'error.body'),
          },
          { lang: 'en', title: translate('en', 'error.title'), body: translate('en', 'error.body') },
        ]}
        retryLabel={`${translate('zh-Hans', 'error.retry')} · ${translate('en', 'error.retry')}`}
        onRetry={this.retry}
      />
    );
  }
}
