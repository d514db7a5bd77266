import { useMemo, useRef, useState } from 'react';
import { log } from '../../bridge/log';
import { containSize, maxScaleFor } from '../../timeline/zoom';
import { MediaPlaceholder } from './MediaPlaceholder';
import { ZoomHint } from './ZoomHint';
import { useElementSize, usePanZoom } from './use-pan-zoom';

export type ImageViewerProps = {
  src: string;
  alt: string;
  /** Natural size if the pack knows it (avoids a re-layout when the image arrives). */
  width?: number;
  height?: number;
};

/** A photograph or document with pinch-zoom, pan, double-tap and wheel zoom. */
export function ImageViewer({ src, alt, width, height }: ImageViewerProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const viewport = useElementSize(viewportRef);
  const [natural, setNatural] = useState(() => ({ width: width ?? 0, height: height ?? 0 }));
  const [failed, setFailed] = useState(false);
  const [zoomed, setZoomed] = useState(false);
  const content = useMemo(() => containSize(natural, viewport), [natural, viewport]);
  const opts = useMemo(
    () => ({
      content,
      viewport,
      maxScale: maxScaleFor(natural, content, window.devicePixelRatio || 1),
      onChange: (v: { scale: number }) => setZoomed(v.scale > 1.01),
    }),
    [content, viewport, natural],
  );
  const panZoom = usePanZoom(viewportRef, layerRef, opts);

  if (failed) return <MediaPlaceholder />;
  return (
    <figure className="image-viewer" data-testid="image-viewer">
      <div ref={viewportRef} className="image-viewer__viewport touch-surface">
        <div
          ref={layerRef}
          className="image-viewer__layer"
          style={{ width: content.width, height: content.height }}
        >
          <img
            className="image-viewer__img"
            src={src}
            alt={alt}
            decoding="async"
            draggable={false}
            onLoad={(e) => {
              const img = e.currentTarget;
              if (img.naturalWidth !== natural.width || img.naturalHeight !== natural.height) {
                setNatural({ width: img.naturalWidth, height: img.naturalHeight });
              }
            }}
            onError={() => {
              log.warn('image failed to load', { src });
              setFailed(true);
            }}
          />
        </div>
      </div>
      <ZoomHint zoomed={zoomed} onReset={panZoom.reset} />
    </figure>
  );
}
