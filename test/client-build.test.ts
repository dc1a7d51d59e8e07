import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientBuildIsStale } from '../server/client-build.js';

async function tree(): Promise<{ root: string; clientDir: string; touch: (file: string, at: Date) => Promise<void> }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kj-build-'));
  const clientDir = path.join(root, 'dist/client');
  const touch = async (file: string, at: Date) => {
    const full = path.join(root, file);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, 'x');
    await fs.utimes(full, at, at);
  };
  return { root, clientDir, touch };
}

describe('npm start rebuilds the web client when it is stale', () => {
  const earlier = new Date('2026-01-01T00:00:00Z');
  const later = new Date('2026-06-01T00:00:00Z');

  it('builds when there is no build yet', async () => {
    const { root, clientDir, touch } = await tree();
    await touch('client/src/main.ts', earlier);
    expect(clientBuildIsStale(clientDir, root)).toBe(true);
  });

  it('keeps a build that is newer than every client and shared source', async () => {
    const { root, clientDir, touch } = await tree();
    await touch('client/src/main.ts', earlier);
    await touch('shared/dto.ts', earlier);
    await touch('dist/client/index.html', later);
    expect(clientBuildIsStale(clientDir, root)).toBe(false);
  });

  it('rebuilds when a client or shared source changed after the build', async () => {
    const { root, clientDir, touch } = await tree();
    await touch('dist/client/index.html', earlier);
    await touch('shared/schemas/posts.ts', later);
    expect(clientBuildIsStale(clientDir, root)).toBe(true);
  });
});
