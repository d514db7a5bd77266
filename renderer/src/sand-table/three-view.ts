/**
 * Copies the table's pose into three.js before a frame: the camera (eye, angles, near and far
 * planes that keep depth precision at any distance), the fog that softens the far table, the
 * marker size that stays finger-sized on screen, and chain arcs that fade as the camera comes
 * close so the places under them stay legible; and the flow clock of chain arcs and the
 * navigation route. Camera maths stays in `camera-math` (no three).
 */
import { Fog } from 'three';
import type { PerspectiveCamera, Scene } from 'three';
import type { CameraBasis } from './camera-math';
import type { Built } from './scene-builder';
import type { TablePose } from './types';

/** Places the three.js camera and the fog for `pose`; `span` is the table's largest side. */
export function syncCamera(
  camera3: PerspectiveCamera,
  scene: Scene,
  basis: CameraBasis,
  pose: TablePose,
  span: number,
): void {
  camera3.position.set(basis.eye.x, basis.eye.y, basis.eye.z);
  camera3.rotation.set((-pose.tilt * Math.PI) / 180, (-pose.heading * Math.PI) / 180, 0, 'YXZ');
  camera3.near = Math.max(pose.distance * 0.01, span * 1e-4);
  camera3.far = pose.distance * 4 + span * 4;
  camera3.updateProjectionMatrix();
  if (scene.fog instanceof Fog) {
    scene.fog.near = pose.distance * 1.2 + span * 0.3;
    scene.fog.far = pose.distance * 3 + span * 2.5;
  }
}

/** Chain arcs' opacity at `distance`: full from 0.4 × home out, down to 0.25 close in. */
export function arcFade(distance: number, homeDistance: number): number {
  return Math.min(1, Math.max(0.25, (distance / Math.max(1e-6, homeDistance)) * 2.5));
}

/** Sizes markers (`scale`) and fades chain arcs for a camera at `distance`. */
export function dressForView(b: Built, scale: number, distance: number, homeDistance: number): void {
  b.markers.setScale(scale);
  if (b.here) b.here.scale.setScalar(scale * 1.1);
  const fade = arcFade(distance, homeDistance);
  for (const l of b.layers) l.material.uniforms.uOpacity!.value = fade;
}

/** Sets the flow shaders' clock (seconds) on chain arcs and the navigation route. */
export function setFlowTime(b: Built, seconds: number): void {
  for (const l of b.layers) l.material.uniforms.uTime!.value = seconds;
  if (b.nav) b.nav.material.uniforms.uTime!.value = seconds;
}

/** Turns the arcs' flowing pulses on or off (reduced motion). */
export function setFlowOn(b: Built, on: boolean): void {
  for (const l of b.layers) l.material.uniforms.uFlow!.value = on ? 1 : 0;
  if (b.nav) b.nav.material.uniforms.uFlow!.value = on ? 1 : 0;
}
