/**
 * Reading V8 heap snapshots (the `.heapsnapshot` JSON DevTools saves): objects counted and sized
 * by constructor/name, and what grew between two snapshots. `npm run soak -- --snapshots` prints
 * the top growth; open the files in DevTools (Memory → Load) to follow the retainers.
 */

type SnapshotJson = {
  snapshot: { meta: { node_fields: string[]; node_types: (string[] | string)[] } };
  nodes: number[];
  strings: string[];
};

export type HeapGroup = { key: string; count: number; bytes: number };

/** Objects grouped by `type:name` (e.g. `object:Array`, `closure:onChange`, `string`). */
export function groupSnapshot(json: SnapshotJson): Map<string, HeapGroup> {
  const fields = json.snapshot.meta.node_fields;
  const types = json.snapshot.meta.node_types[0] as string[];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const out = new Map<string, HeapGroup>();
  for (let n = 0; n < json.nodes.length; n += width) {
    const type = types[json.nodes[n + iType]!] ?? '?';
    // Strings and numbers are grouped by type alone: their "name" is their value.
    const name =
      type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number'
        ? ''
        : (json.strings[json.nodes[n + iName]!] ?? '');
    const key = name === '' ? type : `${type}:${name.slice(0, 80)}`;
    const g = out.get(key) ?? { key, count: 0, bytes: 0 };
    g.count += 1;
    g.bytes += json.nodes[n + iSize]!;
    out.set(key, g);
  }
  return out;
}

/** Groups that grew from `a` to `b`, biggest byte growth first. */
export function heapGrowth(a: Map<string, HeapGroup>, b: Map<string, HeapGroup>, top = 25): HeapGroup[] {
  const out: HeapGroup[] = [];
  for (const [key, g] of b) {
    const before = a.get(key) ?? { key, count: 0, bytes: 0 };
    const d = { key, count: g.count - before.count, bytes: g.bytes - before.bytes };
    if (d.count > 0 || d.bytes > 0) out.push(d);
  }
  return out.sort((x, y) => y.bytes - x.bytes).slice(0, top);
}
