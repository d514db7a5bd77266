import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorData, log } from '../../bridge/log';
import type { IiifInfo, Tile } from '../../timeline/iiif';
import { baseImagePath, chooseScaleFactor, iiifInfoSchema, visibleTiles } from '../../timeline/iiif';
import type { ViewTransform } from '../../timeline/zoom';
import { containSize, maxScaleFor, visibleImageRect } from '../../timeline/zoom';
import { MediaPlaceholder } from './MediaPlaceholder';
import { ZoomHint } from './ZoomHint';
import { useElementSize, usePanZoom } from './use-pan-zoom';

export type DeepZoomViewerProps = {
  /** URL of the IIIF level-0 `info.json`; tiles are resolved relative to it. */
  infoUrl: string;
  alt: string;
};

type Load = { status: 'loading' } | { status: 'ready'; info: IiifInfo } | { status: 'failed' };

/**
 * A very large scan zoomed deep from IIIF level-0 static tiles: a small whole image paints first,
 * then only the tiles that intersect the viewport, at the level that matches the zoom, load on
 * top. Tiles leaving the view are removed from the DOM, so memory stays bounded however far and
 * long a visitor explores.
 */
export function DeepZoomViewer({ infoUrl, alt }: DeepZoomViewerProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    fetch(infoUrl, { signal: abort.signal })
      .then(async (r) => {
        if (!r.ok) throw new Error(`info.json answered ${r.status}`);
        const parsed = iiifInfoSchema.safeParse(await r.json());
        if (!parsed.success) throw new Error('info.json is not an IIIF image service description');
        setLoad({ status: 'ready', info: parsed.data });
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        log.warn('deep-zoom image failed', { infoUrl, ...errorData(error) });
        setLoad({ status: 'failed' });
      });
    return () => abort.abort();
  }, [infoUrl]);
  if (load.status === 'failed') return <MediaPlaceholder />;
  if (load.status === 'loading')
    return <div className="image-viewer image-viewer--loading" aria-busy="true" />;
  return <TiledImage info={load.info} infoUrl={infoUrl} alt={alt} />;
}

function TiledImage({ info, infoUrl, alt }: { info: IiifInfo; infoUrl: string; alt: string }) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const viewport = useElementSize(viewportRef);
  const natural = useMemo(() => ({ width: info.width, height: info.height }), [info]);
  const content = useMemo(() => containSize(natural, viewport), [natural, viewport]);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const [tiles, setTiles] = useState<Tile[]>([]);
  const [zoomed, setZoomed] = useState(false);
  const base = useMemo(
    () => baseImagePath(info, Math.min(1024, (content.width * dpr) / 2)),
    [info, content.width, dpr],
  );
  const baseWidth = useMemo(() => Number(/^full\/(\d+),/.exec(base ?? '')?.[1] ?? 0), [base]);
  const url = useCallback((path: string) => new URL(path, infoUrl).href, [infoUrl]);

  const update = useCallback(
    (view: ViewTransform) => {
      setZoomed(view.scale > 1.01);
      if (content.width <= 0) return;
      const screenPerImage = (content.width * view.scale * dpr) / natural.width;
      const factor = chooseScaleFactor(info, screenPerImage);
      // The whole-image picture already has enough pixels: no tiles needed.
      if (baseWidth > 0 && baseWidth >= natural.width / factor) {
        setTiles((old) => (old.length === 0 ? old : []));
        return;
      }
      const next = visibleTiles(info, factor, visibleImageRect(view, content, natural, viewport));
      setTiles((old) =>
        old.length === next.length && old.every((tile, i) => tile.key === next[i]?.key) ? old : next,
      );
    },
    [content, viewport, natural, info, dpr, baseWidth],
  );
  const opts = useMemo(
    () => ({ content, viewport, maxScale: maxScaleFor(natural, content, dpr), onChange: update }),
    [content, viewport, natural, dpr, update],
  );
  const panZoom = usePanZoom(viewportRef, layerRef, opts);

  const k = natural.width > 0 ? content.width / natural.width : 0;
  return (
    <figure className="image-viewer image-viewer--deep" data-testid="deep-zoom" data-tiles={tiles.length}>
      <div ref={viewportRef} className="image-viewer__viewport touch-surface">
        <div
          ref={layerRef}
          className="image-viewer__layer"
          style={{ width: content.width, height: content.height }}
        >
          {base && (
            <img className="image-viewer__img" src={url(base)} alt={alt} draggable={false} decoding="async" />
          )}
          {tiles.map((tile) => (
            <img
              key={tile.key}
              className="image-viewer__tile"
              src={url(tile.path)}
              alt=""
              draggable={false}
              decoding="async"
              data-testid="deep-zoom-tile"
              style={{
                left: tile.x * k,
                top: tile.y * k,
                // A hair of overlap hides seams between neighbours at fractional zoom.
                width: tile.width * k + 0.5,
                height: tile.height * k + 0.5,
              }}
              onError={() => log.warn('tile failed to load', { tile: tile.path })}
            />
          ))}
        </div>
      </div>
      <ZoomHint zoomed={zoomed} onReset={panZoom.reset} />
    </figure>
  );
}
