/**
 * Picking in screen space: the nearest drawn item to a tap within a finger-sized radius. Markers
 * are small and touch is coarse, so a generous radius beats an exact ray test; among items at
 * nearly the same distance from the finger, the one nearer the eye wins.
 */

/**
 * Index of the item nearest (x, y) within `radius` px, from projected `screen` triples
 * (x, y, depth; depth ≤ 0 = hidden or behind the eye), or −1.
 */
export function pickNearest(
  screen: ArrayLike<number>,
  count: number,
  x: number,
  y: number,
  radius: number,
): number {
  let best = -1;
  let bestD = radius * radius;
  let bestDepth = Number.POSITIVE_INFINITY;
  // Two taps within this many px² count as a tie, settled by depth.
  const tie = 16;
  for (let i = 0; i < count; i++) {
    const depth = screen[i * 3 + 2] ?? -1;
    if (!(depth > 0)) continue;
    const dx = (screen[i * 3] ?? 0) - x;
    const dy = (screen[i * 3 + 1] ?? 0) - y;
    const d = dx * dx + dy * dy;
    if (d > radius * radius) continue;
    if (d < bestD - tie || (Math.abs(d - bestD) <= tie && depth < bestDepth)) {
      best = i;
      bestD = d;
      bestDepth = depth;
    }
  }
  return best;
}
