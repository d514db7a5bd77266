/**
 * A touch that dismisses a full-screen layer on `pointerdown` (the attract screen) must not
 * also "click" whatever the next screen puts under the finger. `armGhostClickGuard()` swallows
 * the one click that ends that touch; the next pointerdown disarms it in any case.
 */
let armedUntil = 0;

export function armGhostClickGuard(now: number = performance.now()): void {
  armedUntil = now + 1000;
}

export function installGhostClickGuard(target: Document): () => void {
  const onPointerDown = () => {
    armedUntil = 0;
  };
  const onClick = (event: MouseEvent) => {
    if (performance.now() < armedUntil) {
      armedUntil = 0;
      event.preventDefault();
      event.stopPropagation();
    }
  };
  target.addEventListener('pointerdown', onPointerDown, { capture: true });
  target.addEventListener('click', onClick, { capture: true });
  return () => {
    target.removeEventListener('pointerdown', onPointerDown, { capture: true });
    target.removeEventListener('click', onClick, { capture: true });
  };
}
