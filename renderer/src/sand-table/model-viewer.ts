/**
 * A 3D object viewer for the place card (glTF/GLB from the pack): the model turns with one
 * finger and zooms with a pinch or the wheel, rendered on demand like the table. Plain three.js;
 * the card's React component only hosts it.
 */
import {
  Box3,
  Color,
  DirectionalLight,
  HemisphereLight,
  Mesh,
  PerspectiveCamera,
  Scene,
  SRGBColorSpace,
  Vector3,
  WebGLRenderer,
} from 'three';
import type { Material, Object3D, Texture } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

export type ModelViewerOptions = { background: string; reducedMotion?: boolean };

/** Turns and zooms one model; `status` tells the host when it has loaded or failed. */
export class ModelViewer {
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(30, 1, 0.01, 100);
  private model: Object3D | null = null;
  private yaw = 0.6;
  private pitch = 0.25;
  private distance = 3;
  private radius = 1;
  private raf = 0;
  private spinUntil = 0;
  private disposed = false;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private readonly cleanup: (() => void)[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly options: ModelViewerOptions,
  ) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true, alpha: true });
    this.renderer.outputColorSpace = SRGBColorSpace;
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, 2));
    this.scene.background = new Color(options.background);
    this.scene.add(new HemisphereLight(0xf6ead8, 0x2a2019, 1.4));
    const key = new DirectionalLight(0xffffff, 1.8);
    key.position.set(-2, 3, 2);
    this.scene.add(key);
    this.listen();
  }

  /** Loads a .glb/.gltf; resolves when it is on screen, rejects when it cannot be read. */
  async load(url: string): Promise<void> {
    const gltf = await new GLTFLoader().loadAsync(url);
    if (this.disposed) {
      disposeObject(gltf.scene);
      return;
    }
    const model = gltf.scene;
    const box = new Box3().setFromObject(model);
    const centre = box.getCenter(new Vector3());
    const size = box.getSize(new Vector3());
    model.position.sub(centre);
    this.radius = Math.max(1e-3, size.length() / 2);
    this.distance = this.radius * 3.2;
    this.model = model;
    this.scene.add(model);
    // A gentle half-turn on arrival shows it is three-dimensional.
    if (!this.options.reducedMotion) this.spinUntil = performance.now() + 2500;
    this.requestRender();
  }

  resize(width: number, height: number): void {
    this.renderer.setSize(Math.max(1, width), Math.max(1, height), false);
    this.camera.aspect = Math.max(1, width) / Math.max(1, height);
    this.requestRender();
  }

  /** Current view angles and distance (tests). */
  view(): { yaw: number; pitch: number; distance: number } {
    return { yaw: this.yaw, pitch: this.pitch, distance: this.distance };
  }

  dispose(): void {
    this.disposed = true;
    if (this.raf) cancelAnimationFrame(this.raf);
    for (const c of this.cleanup) c();
    if (this.model) disposeObject(this.model);
    this.renderer.dispose();
    this.renderer.forceContextLoss();
  }

  private requestRender(): void {
    if (this.raf || this.disposed) return;
    this.raf = requestAnimationFrame((now) => {
      this.raf = 0;
      if (now < this.spinUntil) {
        this.yaw += 0.012;
        this.requestRender();
      }
      this.render();
    });
  }

  private render(): void {
    const c = Math.cos(this.pitch);
    this.camera.position.set(
      Math.sin(this.yaw) * c * this.distance,
      Math.sin(this.pitch) * this.distance,
      Math.cos(this.yaw) * c * this.distance,
    );
    this.camera.near = this.distance / 100;
    this.camera.far = this.distance * 10;
    this.camera.updateProjectionMatrix();
    this.camera.lookAt(0, 0, 0);
    this.renderer.render(this.scene, this.camera);
    this.canvas.dataset.frames = String(Number(this.canvas.dataset.frames ?? '0') + 1);
  }

  private listen(): void {
    const el = this.canvas;
    el.style.touchAction = 'none';
    const span = () => {
      const [a, b] = [...this.pointers.values()];
      return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
    };
    const zoom = (factor: number) => {
      this.distance = Math.min(this.radius * 8, Math.max(this.radius * 1.4, this.distance * factor));
    };
    const down = (e: PointerEvent) => {
      this.spinUntil = 0;
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      try {
        el.setPointerCapture(e.pointerId);
      } catch {
        // Synthetic pointers may not be capturable.
      }
    };
    const move = (e: PointerEvent) => {
      const p = this.pointers.get(e.pointerId);
      if (!p) return;
      const before = span();
      const dx = e.clientX - p.x;
      const dy = e.clientY - p.y;
      p.x = e.clientX;
      p.y = e.clientY;
      if (this.pointers.size === 1) {
        this.yaw -= dx * 0.01;
        this.pitch = Math.min(1.3, Math.max(-0.4, this.pitch + dy * 0.01));
      } else if (this.pointers.size === 2 && before > 0) {
        zoom(before / Math.max(1, span()));
      }
      this.requestRender();
    };
    const up = (e: PointerEvent) => {
      this.pointers.delete(e.pointerId);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      zoom(Math.exp(e.deltaY * 0.0015));
      this.requestRender();
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('wheel', wheel, { passive: false });
    this.cleanup.push(() => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('wheel', wheel);
    });
  }
}

/** Disposes every geometry, material and texture under an object. */
export function disposeObject(root: Object3D): void {
  root.traverse((o) => {
    if (!(o instanceof Mesh)) return;
    (o.geometry as { dispose(): void }).dispose();
    const materials = (Array.isArray(o.material) ? o.material : [o.material]) as Material[];
    for (const m of materials) {
      for (const value of Object.values(m)) {
        if (value && typeof value === 'object' && (value as Texture).isTexture) (value as Texture).dispose();
      }
      m.dispose();
    }
  });
}
