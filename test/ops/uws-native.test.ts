/**
 * The engine actually running: `uws` only when uWebSockets.js's native binary is loaded, never its
 * JavaScript fallback; asked for `uws` without the binary, the hub refuses to start.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import uWS from 'uWebSockets.js';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config.js';
import { assertEngineAvailable, checkUwsNative, runningEngine, uwsNativeStatus } from '../../server/realtime/uws-native.js';
import { apiClient, useTestHub } from '../helpers/index.js';

const require = createRequire(import.meta.url);
const binariesDir = path.join(path.dirname(require.resolve('uWebSockets.js/package.json')), 'binaries');

describe('checkUwsNative', () => {
  it('is native when the loaded module is the binary built for this Node', () => {
    const status = checkUwsNative({ loaded: uWS, binariesDir });
    expect(status).toEqual({ native: true, binary: `uws_${process.platform}_${process.arch}_${process.versions.modules}.node` });
    expect(runningEngine('uws', status)).toBe('uws');
    expect(() => assertEngineAvailable('uws', status)).not.toThrow();
  });

  it('is not native when there is no binary for this Node (e.g. Node 24: ABI 137)', () => {
    const status = checkUwsNative({ loaded: uWS, binariesDir, abi: '137' });
    expect(status.native).toBe(false);
    expect(status.binary).toBe(`uws_${process.platform}_${process.arch}_137.node`);
    expect(status.reason).toContain('cannot load');
    expect(runningEngine('uws', status)).toBe('ws');
    expect(() => assertEngineAvailable('uws', status)).toThrow(ConfigError);
    expect(() => assertEngineAvailable('uws', status)).toThrow(
      /REALTIME_ENGINE=uws needs uWebSockets\.js's native binary.*REALTIME_ENGINE=ws/s,
    );
    // Asking for ws never needs the binary.
    expect(() => assertEngineAvailable('ws', status)).not.toThrow();
  });

  it('is not native when the package handed out its JavaScript fallback although the binary loads', () => {
    const fallback = { App: () => ({}) };
    const status = checkUwsNative({ loaded: fallback, binariesDir });
    expect(status.native).toBe(false);
    expect(status.reason).toContain('fallback');
  });

  it('on this box (Node 20, glibc 2.36) the real module is native', () => {
    expect(uwsNativeStatus().native).toBe(true);
  });
});

describe('the engine reported by a running hub', () => {
  const hub = useTestHub({ engine: 'uws' });

  it('is uws in /api/health and in /metrics', async () => {
    expect((await apiClient(hub.url).get('/health')).body.engine).toBe('uws');
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).toMatch(/^kj_realtime_engine\{[^}]*engine="uws"[^}]*\} 1$/m);
  });
});
