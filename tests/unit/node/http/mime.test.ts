import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../../electron/node/http/mime';

describe('contentTypeFor', () => {
  const both: [string, string][] = [
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['pack.json', 'application/json; charset=utf-8'],
    ['f.woff2', 'font/woff2'],
    ['f.woff', 'font/woff'],
    ['a.png', 'image/png'],
    ['a.jpg', 'image/jpeg'],
    ['a.JPEG', 'image/jpeg'],
    ['a.webp', 'image/webp'],
    ['a.avif', 'image/avif'],
    ['v.mp4', 'video/mp4'],
    ['v.webm', 'video/webm'],
    ['a.ogg', 'audio/ogg'],
    ['a.opus', 'audio/ogg'],
    ['a.mp3', 'audio/mpeg'],
    ['a.m4a', 'audio/mp4'],
    ['a.aac', 'audio/aac'],
    ['c.en.vtt', 'text/vtt; charset=utf-8'],
    ['map.geojson', 'application/geo+json; charset=utf-8'],
    ['m.glb', 'model/gltf-binary'],
    ['m.gltf', 'model/gltf+json; charset=utf-8'],
    ['noext', 'application/octet-stream'],
    ['a.exe', 'application/octet-stream'],
  ];
  it.each(both)('%s → %s (renderer)', (name, type) => {
    expect(contentTypeFor(name, 'renderer')).toBe(type);
  });
  it.each(both.filter(([n]) => !/\.(html|m?js|css)$/.test(n)))('%s → %s (pack)', (name, type) => {
    expect(contentTypeFor(name, 'pack')).toBe(type);
  });

  const rendererOnly: [string, string][] = [
    ['icon.svg', 'image/svg+xml'],
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
    ['decoder.wasm', 'application/wasm'],
  ];
  it.each(rendererOnly)('%s is %s from the renderer but opaque bytes from a pack', (name, type) => {
    expect(contentTypeFor(name, 'renderer')).toBe(type);
    expect(contentTypeFor(name, 'pack')).toBe('application/octet-stream');
  });
});
