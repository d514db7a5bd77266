import type { Layer } from '../../../../electron/shared/pack-schema';
import { useLocalize } from '../../i18n/use-t';
import { sandTableStore, selectVisibleLayers } from '../../stores/sand-table-store';
import { useSandTable } from './hooks';
import type { SandT } from './strings';

/** Chain layers (支部建在链上): arcs between nodes, switched on and off. */
export function LayerToggles({ layers, t }: { layers: readonly Layer[]; t: SandT }) {
  const localize = useLocalize();
  const visible = useSandTable(selectVisibleLayers);
  if (layers.length === 0) return null;
  return (
    <div className="sand-layers" role="group" aria-label={t('sand.layers')} data-testid="layer-toggles">
      {layers.map((layer) => (
        <button
          key={layer.id}
          type="button"
          className="sand-chip sand-chip--layer"
          aria-pressed={visible.includes(layer.id)}
          onClick={() => sandTableStore.getState().layerToggled(layer.id)}
          data-testid={`layer-toggle-${layer.id}`}
        >
          <span className="sand-chip__arc" style={{ borderColor: layer.color }} aria-hidden="true" />
          {localize(layer.name)}
        </button>
      ))}
    </div>
  );
}
