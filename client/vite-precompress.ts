/**
 * A Vite build plugin: after the bundle is written, every compressible file in the output (scripts,
 * styles, HTML, SVG, JSON, text) gets a `.br` (brotli, quality 11) and a `.gz` (gzip, level 9) twin,
 * so the hub serves compressed bytes without compressing per request (server/http/static-client.ts).
 * A twin is kept only when it is actually smaller. node:zlib only: no extra dependency.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export const compressible = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|wasm)$/i;
/** Below this, headers and framing eat the gain. */
const minBytes = 512;

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** Writes `.br` and `.gz` next to each compressible file of `dir`; returns how many files got twins. */
export async function precompressDir(dir: string): Promise<number> {
  let count = 0;
  for await (const file of walk(dir)) {
    if (!compressible.test(file)) continue;
    const raw = await fs.readFile(file);
    if (raw.length < minBytes) continue;
    const [br, gz] = await Promise.all([
      brotli(raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        },
      }),
      gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ]);
    if (br.length < raw.length) await fs.writeFile(`${file}.br`, br);
    if (gz.length < raw.length) await fs.writeFile(`${file}.gz`, gz);
    count += 1;
  }
  return count;
}

export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'kongjian:precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    // closeBundle: after Rollup's output and Vite's copy of public/ are both on disk.
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      await precompressDir(outDir);
    },
  };
}
