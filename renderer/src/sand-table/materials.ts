/**
 * The table's shaders. Markers and flows use small custom shaders (lighting written out) so they
 * do not depend on three.js chunk internals and stay cheap on software GL.
 */
import { AdditiveBlending, Color, DoubleSide, NormalBlending, ShaderMaterial } from 'three';

/** Direction the key light comes from (normalised in the shader). */
const LIGHT = '-0.45, 0.85, 0.35';

const markerVertex = /* glsl */ `
attribute float aPart;
attribute float aState;
uniform float uScale;
varying vec3 vNormalW;
varying vec3 vColor;
varying float vPart;
varying float vState;
void main() {
  // aState: 0 normal, 1 hovered, 2 selected (and 3 = dimmed, e.g. behind a selection).
  float grow = aState > 1.5 && aState < 2.5 ? 1.35 : (aState > 0.5 && aState < 1.5 ? 1.15 : 1.0);
  vec3 p = position * (uScale * grow);
  mat4 m = modelMatrix * instanceMatrix;
  vNormalW = normalize(mat3(m) * normal);
  #ifdef USE_INSTANCING_COLOR
    vColor = instanceColor;
  #else
    vColor = vec3(0.8);
  #endif
  vPart = aPart;
  vState = aState;
  gl_Position = projectionMatrix * viewMatrix * m * vec4(p, 1.0);
}
`;

const markerFragment = /* glsl */ `
uniform vec3 uStem;
uniform vec3 uHighlight;
varying vec3 vNormalW;
varying vec3 vColor;
varying float vPart;
varying float vState;
void main() {
  vec3 n = normalize(vNormalW);
  vec3 l = normalize(vec3(${LIGHT}));
  float diffuse = max(dot(n, l), 0.0);
  float sky = 0.5 + 0.5 * n.y;
  vec3 base = mix(uStem, vColor, step(0.5, vPart));
  if (vState > 1.5 && vState < 2.5) base = mix(base, uHighlight, 0.35 * step(0.5, vPart) + 0.6 * (1.0 - step(0.5, vPart)));
  else if (vState > 0.5 && vState < 1.5) base *= 1.25;
  else if (vState > 2.5) base *= 0.45;
  vec3 c = base * (0.38 + 0.32 * sky + 0.62 * diffuse);
  gl_FragColor = vec4(c, 1.0);
  #include <colorspace_fragment>
}
`;

/** Material shared by every marker mesh; `uScale` keeps markers a constant size on screen. */
export function createMarkerMaterial(stem: string, highlight: string): ShaderMaterial {
  return new ShaderMaterial({
    name: 'marker',
    uniforms: {
      uScale: { value: 1 },
      uStem: { value: new Color(stem) },
      uHighlight: { value: new Color(highlight) },
    },
    vertexShader: markerVertex,
    fragmentShader: markerFragment,
  });
}

const flowVertex = /* glsl */ `
attribute float aT;
attribute float aSeed;
varying float vT;
varying float vSeed;
varying float vLight;
void main() {
  vT = aT;
  vSeed = aSeed;
  vec3 n = normalize(mat3(modelMatrix) * normal);
  vLight = 0.55 + 0.45 * max(dot(n, normalize(vec3(${LIGHT}))), 0.0);
  gl_Position = projectionMatrix * viewMatrix * modelMatrix * vec4(position, 1.0);
}
`;

const flowFragment = /* glsl */ `
uniform vec3 uColor;
uniform vec3 uGlow;
uniform float uTime;
uniform float uOpacity;
uniform float uPulses;
uniform float uFlow;
uniform float uStrength;
varying float vT;
varying float vSeed;
varying float vLight;
void main() {
  // Pulses travel from start (t=0) to end (t=1); uFlow = 0 freezes them (reduced motion).
  float phase = fract(vT * uPulses - uTime * 0.35 * uFlow + vSeed);
  float pulse = smoothstep(0.0, 0.12, phase) * (1.0 - smoothstep(0.12, 0.4, phase));
  vec3 c = mix(uColor * vLight, uGlow, pulse * uStrength * step(0.001, uPulses));
  gl_FragColor = vec4(c, uOpacity);
  #include <colorspace_fragment>
}
`;

/** Material for arcs and routes: a solid line with light pulses flowing along `aT`. */
export function createFlowMaterial(
  color: string,
  glow: string,
  opts: { pulses: number; strength?: number; opacity?: number; additive?: boolean },
): ShaderMaterial {
  const opacity = opts.opacity ?? 1;
  return new ShaderMaterial({
    name: 'flow',
    uniforms: {
      uColor: { value: new Color(color) },
      uGlow: { value: new Color(glow) },
      uTime: { value: 0 },
      uOpacity: { value: opacity },
      uPulses: { value: opts.pulses },
      uFlow: { value: 1 },
      uStrength: { value: opts.strength ?? 0.85 },
    },
    vertexShader: flowVertex,
    fragmentShader: flowFragment,
    transparent: opacity < 1 || opts.additive === true,
    depthWrite: opacity >= 1,
    blending: opts.additive ? AdditiveBlending : NormalBlending,
    side: DoubleSide,
  });
}
