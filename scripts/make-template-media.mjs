#!/usr/bin/env node
// Makes the small media that `hallpack init` copies into a new working folder, and writes them to
// assets/templates/media/ (committed, so init works on a PC without ffmpeg or ImageMagick).
// Needs ImageMagick (convert), ffmpeg with libvpx-vp9/libopus, espeak-ng. Run again after
// changing this script: node scripts/make-template-media.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'assets', 'templates', 'media');
const tmp = join(out, '.tmp');
rmSync(out, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const font = 'Noto-Serif-CJK-SC';

// Images: a cover photo stand-in, its thumbnail and the video poster. Plain shapes and a title,
// so nobody mistakes them for photographs; authors replace them.
const poster = (file, w, h, bg, title) =>
  run('convert', [
    '-size',
    `${w}x${h}`,
    `gradient:${bg}-#15110f`,
    '-fill',
    '#c9a45c',
    '-draw',
    `rectangle ${w * 0.08},${h * 0.78} ${w * 0.92},${h * 0.8}`,
    '-font',
    font,
    '-pointsize',
    String(Math.round(h / 8)),
    '-fill',
    '#f3ece2',
    '-gravity',
    'center',
    '-annotate',
    '+0-10',
    title,
    '-strip',
    '-quality',
    '80',
    '-define',
    'jpeg:dct-method=integer',
    file,
  ]);
poster(join(out, 'place.jpg'), 800, 500, '#7a1c17', '替换为您的图片');
run('convert', [
  join(out, 'place.jpg'),
  '-resize',
  '240x150',
  '-strip',
  '-quality',
  '75',
  join(out, 'place.thumb.jpg'),
]);
poster(join(out, 'film-poster.jpg'), 640, 360, '#3a2a1e', '短片');
poster(join(tmp, 'scan.png'), 1200, 900, '#5c4630', '大图 · Deep zoom');

// Deep-zoom tiles of the scan (IIIF level 0), cut by hallpack itself.
run(process.execPath, [
  join(root, 'bin', 'hallpack.mjs'),
  'tiles',
  join(tmp, 'scan.png'),
  '--out',
  join(out, 'scan-tiles'),
  '--tile',
  '512',
  '--quality',
  '70',
  '--id',
  'media/scan-tiles',
]);

// Video: 4 s, 320×180, VP9 in WebM, with a quiet Opus track.
run('ffmpeg', [
  '-v',
  'error',
  '-y',
  '-f',
  'lavfi',
  '-i',
  'color=c=#3a2a1e:s=320x180:r=12:d=4',
  '-f',
  'lavfi',
  '-i',
  'sine=frequency=220:sample_rate=48000:duration=4',
  '-vf',
  `drawbox=x='mod(t*80,320)':y=80:w=40:h=20:color=#c9a45c:t=fill`,
  '-af',
  'volume=0.05',
  '-c:v',
  'libvpx-vp9',
  '-b:v',
  '60k',
  '-deadline',
  'good',
  '-cpu-used',
  '4',
  '-row-mt',
  '0',
  '-c:a',
  'libopus',
  '-b:a',
  '24k',
  '-map_metadata',
  '-1',
  '-fflags',
  '+bitexact',
  join(out, 'film.webm'),
]);

// Narration: spoken by espeak-ng in each language, Opus in Ogg.
for (const [lang, voice, text] of [
  ['zh-Hans', 'cmn', '欢迎参观。这是一段示例解说，请替换为您的录音。'],
  ['en', 'en', 'Welcome. This is a sample narration; replace it with your own recording.'],
]) {
  const wav = join(tmp, `${lang}.wav`);
  run('espeak-ng', ['-v', voice, '-s', '150', '-w', wav, text]);
  run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    wav,
    '-ac',
    '1',
    '-c:a',
    'libopus',
    '-b:a',
    '16k',
    '-map_metadata',
    '-1',
    '-fflags',
    '+bitexact',
    join(out, `narration.${lang}.ogg`),
  ]);
}

// Model: a four-sided pyramid as glTF 2.0 binary, written byte by byte.
writeFileSync(join(out, 'monument.glb'), pyramidGlb());
rmSync(tmp, { recursive: true, force: true });
console.log(`wrote ${out}`);

function pyramidGlb() {
  const positions = [
    [-1, 0, -1],
    [1, 0, -1],
    [1, 0, 1],
    [-1, 0, 1],
    [0, 2, 0],
  ];
  const indices = [0, 1, 4, 1, 2, 4, 2, 3, 4, 3, 0, 4, 0, 2, 1, 0, 3, 2];
  const pos = Buffer.alloc(positions.length * 12);
  positions.flat().forEach((v, i) => pos.writeFloatLE(v, i * 4));
  const idx = Buffer.alloc(indices.length * 2 + 0);
  indices.forEach((v, i) => idx.writeUInt16LE(v, i * 2));
  const idxPadded = Buffer.concat([idx, Buffer.alloc((4 - (idx.length % 4)) % 4)]);
  const bin = Buffer.concat([pos, idxPadded]);
  const gltf = {
    asset: { version: '2.0', generator: 'hall-kiosk template' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name: 'monument' }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1, material: 0 }] }],
    materials: [
      {
        pbrMetallicRoughness: {
          baseColorFactor: [0.79, 0.64, 0.36, 1],
          metallicFactor: 0.2,
          roughnessFactor: 0.7,
        },
      },
    ],
    buffers: [{ byteLength: bin.length }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: pos.length, target: 34962 },
      { buffer: 0, byteOffset: pos.length, byteLength: idx.length, target: 34963 },
    ],
    accessors: [
      { bufferView: 0, componentType: 5126, count: 5, type: 'VEC3', min: [-1, 0, -1], max: [1, 2, 1] },
      { bufferView: 1, componentType: 5123, count: indices.length, type: 'SCALAR' },
    ],
  };
  let json = Buffer.from(JSON.stringify(gltf));
  json = Buffer.concat([json, Buffer.alloc((4 - (json.length % 4)) % 4, 0x20)]);
  const header = Buffer.alloc(12);
  const total = 12 + 8 + json.length + 8 + bin.length;
  header.writeUInt32LE(0x46546c67, 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(total, 8);
  const chunk = (type, data) => {
    const h = Buffer.alloc(8);
    h.writeUInt32LE(data.length, 0);
    h.writeUInt32LE(type, 4);
    return Buffer.concat([h, data]);
  };
  return Buffer.concat([header, chunk(0x4e4f534a, json), chunk(0x004e4942, bin)]);
}
