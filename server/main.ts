/** Entry point: config → hub → listen; stop cleanly on SIGTERM/SIGINT. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from './app.js';
import { ensureClientBuilt } from './client-build.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger, flushLogs } from './logger.js';
import { assertEngineAvailable } from './realtime/uws-native.js';

const usage = `usage: npm start [-- --no-client-build]

Starts a hub: the REST API, the realtime endpoint and the web client. Configured by environment
variables (README: Configuration); with none set it runs on the embedded store with no other service.

  --no-client-build   serve dist/client as it is (do not build the web client first)
  -h, --help          this text`;

/** The command line: --help prints the usage and exits 0; anything unknown is one line and exit 2. */
function readArgs(): { clientBuild: boolean } {
  try {
    const { values } = parseArgs({
      options: { 'no-client-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    return { clientBuild: !values['no-client-build'] };
  } catch (err) {
    process.stderr.write(`npm start: ${(err as Error).message} (--help for usage)\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  let config;
  try {
    config = loadConfig();
    // Before opening anything: an explicit REALTIME_ENGINE=uws without its binary says at once why not
    // (unset, the hub picks ws instead, with a warning: realtime/uws-native.ts settleEngine).
    if (config.engineExplicit) assertEngineAvailable(config.engine);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kongjian: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, config.nodeId);
  const clientDir = path.resolve('dist/client');
  // `npm run dev` serves the client from Vite's dev server instead (HMR); no build needed here.
  if (args.clientBuild) await ensureClientBuilt(clientDir, logger);
  const hub = await startHub(config, { logger, clientDir });
  process.stdout.write(`Kongjian is up: open ${hub.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Whatever wedges (a dependency that never answers), the process still ends: after the grace
    // period plus time to close the store, exit non-zero.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 10_000).unref();
    // Logs are flushed with a deadline: a log reader that stopped reading never holds the exit.
    hub.close().then(
      () => flushLogs(2_000).then(() => process.exit(0)),
      (err: unknown) => {
        logger.error({ err }, 'unclean shutdown');
        void flushLogs(2_000).then(() => process.exit(1));
      },
    );
  };
  // The Redis adapter publishes fire-and-forget; a publish refused during a Redis outage must be
  // logged, not take the node down (delivery resumes, and clients catch up, once Redis is back).
  process.on('unhandledRejection', (err: unknown) => {
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled rejection');
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`kongjian: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
