// Builds the web UI into dist/, which `ledd serve` serves at "/" (see docs/architecture.md).
// Hashed file names under dist/assets/ let the server cache them for a year.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev` against a running `ledd serve` on 8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
