import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where `npm run dev`'s hub listens (the same PORT it reads). */
const hub = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [precompress()],
  build: {
    outDir: path.resolve(here, '../dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    // No public source map: the hub serves dist/client as is, and maps would publish the sources.
    sourcemap: false,
  },
  server: {
    // `npm run dev`: the hub on :3000 answers REST and photo files; Socket.IO is reached directly at the
    // realtimeUrl that /api/config names (uws: :3001; ws: proxied with /api's origin below).
    proxy: {
      '/api': hub,
      '/photos': hub,
      '/socket.io': { target: hub, ws: true },
    },
  },
});
