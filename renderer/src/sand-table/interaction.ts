/**
 * Touch, mouse and wheel on the table: gestures move the camera; a tap picks the nearest marker
 * or cluster within a finger-sized radius and tells the store (a place opens its card, a cluster
 * flies close enough that its members separate, empty table closes); hover marks a place; a
 * visitor's touch during a tour takes over from it.
 */
import type { Place } from '../../../electron/shared/pack-schema';
import type { SandTableStore } from '../stores/sand-table-store';
import { basisOf } from './camera-math';
import type { CameraController } from './camera-controller';
import { FOV } from './camera-controller';
import { markerScaleAt } from './clustering';
import type { GestureIntent, GestureOptions, GesturePointer, PointerKind } from './gestures';
import { GestureRecognizer } from './gestures';
import type { MarkerField, PickHit } from './marker-field';
import type { TableProjection } from './projection';
import type { Viewport } from './types';

/** Finger-sized pick radius (CSS px): generous on touch, tighter for a mouse. */
export function pickRadius(pointer: PointerKind, vp: Viewport): number {
  const base = Math.min(vp.width, vp.height);
  return pointer === 'mouse' ? Math.max(14, base * 0.018) : Math.max(26, base * 0.035);
}

/** A mouse hovering picks within this radius (CSS px). */
export const HOVER_RADIUS = 16;

export type TableInteractionParts = {
  store: SandTableStore;
  field: MarkerField;
  cam: CameraController;
  places: readonly Place[];
  projection: TableProjection;
  oneFinger: GestureOptions['oneFinger'];
  /** Something changed on screen: draw a frame. */
  requestRender: () => void;
  /** The last finger or button left the table (after a fling, if any, started). */
  released?: () => void;
};

export class TableInteraction {
  private readonly gestures: GestureRecognizer;

  constructor(private readonly parts: TableInteractionParts) {
    this.gestures = new GestureRecognizer({ oneFinger: parts.oneFinger });
  }

  pointer(e: GesturePointer): void {
    this.apply(this.gestures.feed(e));
  }

  wheel(dy: number, x: number, y: number): void {
    this.apply(this.gestures.wheel(dy, x, y));
  }

  /** A finger or a mouse button is down on the table. */
  get handsOn(): boolean {
    return this.gestures.activePointers > 0;
  }

  /** The pointer left the canvas: a mouse no longer hovers anything. */
  leave(): void {
    if (this.gestures.activePointers === 0) this.parts.store.getState().placeHovered(null);
  }

  /** The window lost focus: gestures under way end. */
  blur(): void {
    this.apply(this.gestures.reset());
  }

  apply(intents: readonly GestureIntent[]): void {
    if (intents.length === 0) return;
    const { store, cam, places } = this.parts;
    // Only a camera that moved or a fling that starts needs a frame here. A finger landing, a tap
    // or a mouse gliding over the table changes nothing by itself: what they cause (a card, a
    // highlight, a flight, a hover target) re-renders through the store. Under software GL a frame
    // drawn for nothing on pointerdown costs the GPU hundreds of ms, and the tap's card waits.
    let changed = false;
    for (const it of intents) {
      if (it.kind === 'fling') changed = true;
      switch (it.kind) {
        case 'begin': {
          const t = store.getState().tour;
          if (t.status === 'playing' || t.status === 'paused') store.getState().visitorTookOver();
          break;
        }
        case 'tap':
          this.tap(it.x, it.y, it.pointer);
          break;
        case 'hover': {
          const hit = this.pick(it.x, it.y, HOVER_RADIUS);
          store.getState().placeHovered(hit?.kind === 'place' ? (places[hit.index]?.id ?? null) : null);
          break;
        }
        case 'orbit':
        case 'pan':
        case 'zoom':
        case 'rotate':
        case 'fling':
        case 'end':
          break;
      }
      if (cam.gesture(it)) changed = true;
    }
    if (changed) this.parts.requestRender();
    if (intents[intents.length - 1]?.kind === 'end') this.parts.released?.();
  }

  /** What is drawn at (x, y) now, within `radius` CSS px. */
  pick(x: number, y: number, radius: number): PickHit | null {
    const { cam, field } = this.parts;
    field.project(
      basisOf(cam.pose, FOV, cam.viewport),
      cam.viewport,
      markerScaleAt(cam.pose.distance, cam.viewport),
    );
    return field.pick(x, y, radius);
  }

  private tap(x: number, y: number, pointer: PointerKind): void {
    const { store: s, cam, field, places, projection } = this.parts;
    const store = s.getState();
    const hit = this.pick(x, y, pickRadius(pointer, cam.viewport));
    if (!hit) {
      store.backgroundTapped();
      return;
    }
    if (hit.kind === 'place') {
      const id = places[hit.index]?.id;
      if (id) store.placeTapped(id);
      return;
    }
    const cl = field.clustering.clusters[hit.index];
    if (!cl) return;
    // Come close enough that the members separate, all of them in the free part of the screen.
    const pose = cam.fitCluster(field.headPoints(0, cl.members), cam.limits.minDistance * 2.1);
    const ll = projection.toLonLat({ x: pose.x, z: pose.z });
    store.clusterTapped({ target: ll, distance: pose.distance, tilt: pose.tilt, heading: pose.heading });
  }
}
