/**
 * The engine actually running: `uws` only when uWebSockets.js's native binary is loaded, never its
 * JavaScript fallback; asked for `uws` without the binary, the hub refuses to start.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import uWS from 'uWebSockets.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { assertEngineAvailable, checkUwsNative, runningEngine, settleEngine, uwsNativeStatus } from '../../server/realtime/uws-native.js';
import { apiClient, engines, useTestHub } from '../helpers/index.js';

const require = createRequire(import.meta.url);
const binariesDir = path.join(path.dirname(require.resolve('uWebSockets.js/package.json')), 'binaries');

describe('checkUwsNative', () => {
  // The binary for this Node is loaded by a stand-in, so these run on Node versions the package has no build for too.
  const loadsAs = (addon: unknown) => () => addon;

  it('is native when the loaded module is the binary built for this Node', () => {
    const status = checkUwsNative({ loaded: uWS, binariesDir, load: loadsAs(uWS) });
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
    const status = checkUwsNative({ loaded: fallback, binariesDir, load: loadsAs(uWS) });
    expect(status.native).toBe(false);
    expect(status.reason).toContain('fallback');
  });

  it('the real module is native exactly where the package ships a binary for this Node (20 here; not 22 or 24)', () => {
    const shipped = fs.existsSync(path.join(binariesDir, `uws_${process.platform}_${process.arch}_${process.versions.modules}.node`));
    expect(uwsNativeStatus().native).toBe(shipped);
  });
});

describe('settleEngine: REALTIME_ENGINE unset picks the engine that runs here', () => {
  const native = checkUwsNative({ loaded: uWS, binariesDir, load: () => uWS });
  const missing = checkUwsNative({ loaded: uWS, binariesDir, abi: '137' });
  const env = { PORT: '3000' };

  it('unset, with the native binary: uws on its own port, no warning', () => {
    const { config, warning } = settleEngine(loadConfig(env), native);
    expect([config.engine, config.wsPort, warning]).toEqual(['uws', 3001, undefined]);
  });

  it('unset, without it: ws on the HTTP port, with one warning line naming Node and the way to choose', () => {
    const { config, warning } = settleEngine(loadConfig(env), missing);
    expect([config.engine, config.wsPort]).toEqual(['ws', 3000]);
    expect(warning).toMatch(/^realtime engine: ws .*no native binary for Node .*REALTIME_ENGINE=ws/);
    expect(warning).not.toContain('\n');
  });

  it('unset, where loading the binary throws (a libc too old, a broken install): ws, saying why', () => {
    const broken = checkUwsNative({
      loaded: uWS,
      binariesDir,
      load: () => {
        throw new Error("/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found\n(required by uws.node)");
      },
    });
    const { config, warning } = settleEngine(loadConfig(env), broken);
    expect(config.engine).toBe('ws');
    expect(warning).toContain('GLIBC_2.38');
    expect(warning).not.toContain('\n'); // the loader's first line only: one warning line
  });

  it('an explicit REALTIME_ENGINE=uws is never swapped: it still refuses without the binary', () => {
    const requested = loadConfig({ ...env, REALTIME_ENGINE: 'uws' });
    const { config, warning } = settleEngine(requested, missing);
    expect([config.engine, warning]).toEqual(['uws', undefined]);
    expect(() => assertEngineAvailable(config.engine, missing)).toThrow(ConfigError);
  });
});

describe('the engine reported by a running hub', () => {
  // The best engine here: uws on Node 20, ws where the package has no binary (tests run on both where they can).
  const hub = useTestHub({ engine: engines[0] });

  it('is the engine running, in /api/health and in /metrics', async () => {
    expect((await apiClient(hub.url).get('/health')).body.engine).toBe(engines[0]);
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).toMatch(new RegExp(`^kj_realtime_engine\\{[^}]*engine="${engines[0]}"[^}]*\\} 1$`, 'm'));
  });
});
