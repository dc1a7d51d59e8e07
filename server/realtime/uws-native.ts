/**
 * Which realtime engine is really running. The `uWebSockets.js` package in use silently falls back
 * to a JavaScript shim on top of `ws` when its native binary cannot load (a Node version it has no
 * build for, a libc too old, `UWS_USE_FALLBACK`): the hub would then call itself `uws` while having
 * none of the engine's advantage. This asks the package for the binary it would load and compares.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import uWS from 'uWebSockets.js';
import { ConfigError, type Config, type Engine } from '../config.js';

export interface UwsNativeStatus {
  /** True only when the loaded `uWebSockets.js` module is the native binary. */
  readonly native: boolean;
  /** The binary this Node needs (`uws_<platform>_<arch>_<abi>.node`). */
  readonly binary: string;
  /** Why not, when not. */
  readonly reason?: string;
}

export interface UwsProbe {
  /** What `import 'uWebSockets.js'` gave. */
  readonly loaded: unknown;
  /** Where the package keeps its binaries. */
  readonly binariesDir: string;
  readonly platform?: string;
  readonly arch?: string;
  /** Node's module ABI (`process.versions.modules`): 115 = Node 20, 127 = 22, 137 = 24. */
  readonly abi?: string;
  /** Loads a native addon by path (defaults to `require`). */
  readonly load?: (file: string) => unknown;
}

const require = createRequire(import.meta.url);

/** Compares the loaded module with the binary this Node would need; never throws. */
export function checkUwsNative(probe: UwsProbe): UwsNativeStatus {
  const binary = `uws_${probe.platform ?? process.platform}_${probe.arch ?? process.arch}_${probe.abi ?? process.versions.modules}.node`;
  let addon: unknown;
  try {
    addon = (probe.load ?? require)(path.join(probe.binariesDir, binary));
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
    return { native: false, binary, reason: `its native binary ${binary} cannot load: ${reason}` };
  }
  // Node caches an addon by path: the package loaded the same binary exactly when both are one object.
  if (addon !== probe.loaded) return { native: false, binary, reason: 'the package loaded its JavaScript fallback (UWS_USE_FALLBACK?)' };
  return { native: true, binary };
}

let cached: UwsNativeStatus | undefined;

/** The status of the `uWebSockets.js` this process imported (computed once). */
export function uwsNativeStatus(): UwsNativeStatus {
  cached ??= checkUwsNative({
    loaded: uWS,
    binariesDir: path.join(path.dirname(require.resolve('uWebSockets.js/package.json')), 'binaries'),
  });
  return cached;
}

/** The engine actually serving sockets: `uws` only when its native binary is loaded. */
export function runningEngine(configured: Engine, status: UwsNativeStatus = uwsNativeStatus()): Engine {
  return configured === 'uws' && status.native ? 'uws' : 'ws';
}

/**
 * The engine this hub will run. `REALTIME_ENGINE` unset asks for the best one here: `uws` where its
 * native binary loads, otherwise `ws` on the HTTP port, with a warning saying why (a Node the package
 * has no build for, e.g. 22 or 24). An explicit `REALTIME_ENGINE=uws` is left alone: it refuses later.
 */
export function settleEngine(config: Config, status: UwsNativeStatus = uwsNativeStatus()): { config: Config; warning?: string } {
  if (config.engine !== 'uws' || config.engineExplicit || status.native) return { config };
  return {
    config: { ...config, engine: 'ws', wsPort: config.port },
    warning:
      `realtime engine: ws (Socket.IO on the HTTP port), because uWebSockets.js has no native binary for Node ${process.versions.node} ` +
      `(module ABI ${process.versions.modules}, ${status.reason ?? 'not loaded'}); set REALTIME_ENGINE=ws to choose it, or run Node 20 for uws`,
  };
}

/** `REALTIME_ENGINE=uws` without the native binary refuses to start, saying why and what to do. */
export function assertEngineAvailable(configured: Engine, status: UwsNativeStatus = uwsNativeStatus()): void {
  if (configured !== 'uws' || status.native) return;
  throw new ConfigError(
    `REALTIME_ENGINE=uws needs uWebSockets.js's native binary, but ${status.reason ?? 'it is not loaded'}. ` +
      `Node ${process.versions.node} (module ABI ${process.versions.modules}) on ${process.platform}-${process.arch}: ` +
      "run a Node version listed in the README's Node matrix, or set REALTIME_ENGINE=ws (Socket.IO on the HTTP server, one port).",
  );
}
