import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * @fontsource lists a WOFF fallback after every WOFF2 subset. The kiosk's Chromium always takes
 * WOFF2, so the fallbacks would only double the bundle (hundreds of unused files).
 */
function woff2Only(): Plugin {
  return {
    name: 'hall-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].*\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, ''), map: null };
    },
  };
}

// The renderer is served by the hall request handler (hall:// in Electron, loopback HTTP in
// browser mode), so every URL is relative and nothing is fetched from a CDN.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [woff2Only(), react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // No source maps in the shipped renderer: they would double its size and hand out the source.
    // HALL_SOURCEMAPS=1 makes them for debugging a build; the kiosk never serves them either way.
    sourcemap: process.env.HALL_SOURCEMAPS === '1',
    chunkSizeWarningLimit: 2000,
  },
});
