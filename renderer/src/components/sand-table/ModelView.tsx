import { useEffect, useRef, useState } from 'react';
import { errorData, log } from '../../bridge/log';
import { ModelViewer } from '../../sand-table/model-viewer';

export type ModelViewProps = {
  url: string;
  background: string;
  reducedMotion: boolean;
  hint: string;
  failed: string;
};

/** Hosts a glTF/GLB model viewer: one finger turns it, a pinch or the wheel zooms. */
export function ModelView({ url, background, reducedMotion, hint, failed }: ModelViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ url: string; status: 'ready' | 'failed' } | null>(null);
  const status = state && state.url === url ? state.status : 'loading';

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // A fresh canvas per viewer: disposing releases its WebGL context for good.
    const canvas = host.ownerDocument.createElement('canvas');
    canvas.className = 'model-view__canvas';
    canvas.dataset.testid = 'model-canvas';
    host.prepend(canvas);
    let viewer: ModelViewer | null = null;
    let observer: ResizeObserver | null = null;
    let live = true;
    const start = async () => {
      const v = new ModelViewer(canvas, { background, reducedMotion });
      viewer = v;
      observer = new ResizeObserver(([e]) => e && v.resize(e.contentRect.width, e.contentRect.height));
      observer.observe(canvas);
      await v.load(url);
    };
    start().then(
      () => live && setState({ url, status: 'ready' }),
      (error: unknown) => {
        log.warn('model could not be shown', { url, ...errorData(error) });
        if (live) setState({ url, status: 'failed' });
      },
    );
    return () => {
      live = false;
      observer?.disconnect();
      viewer?.dispose();
      canvas.remove();
    };
  }, [url, background, reducedMotion]);

  return (
    <div className="model-view" ref={hostRef} data-testid="model-view" data-status={status}>
      <p className="model-view__hint">{status === 'failed' ? failed : hint}</p>
    </div>
  );
}
