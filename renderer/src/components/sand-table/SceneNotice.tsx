import type { SceneStatus } from '../../stores/sand-table-store';
import type { SandT } from './strings';

/** A calm word while the table loads, restores a lost GPU context, or cannot be shown. */
export function SceneNotice({ status, t }: { status: SceneStatus; t: SandT }) {
  if (status === 'ready') return null;
  const text =
    status === 'loading'
      ? t('sand.loading')
      : status === 'context-lost'
        ? t('sand.contextLost')
        : t('sand.failed');
  return (
    <div className="sand-notice" data-testid="scene-notice" data-status={status} role="status">
      <div className="ornament" aria-hidden="true" />
      <p className="sand-notice__text">{text}</p>
    </div>
  );
}
