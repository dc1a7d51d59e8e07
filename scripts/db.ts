/**
 * Runs the embedded MongoDB-compatible store alone in the foreground:
 *   npm run db -- --port 27017 --dir ./data/db [--host 127.0.0.1] [--socket /tmp/kj.sock]
 * Hub nodes then share it with MONGODB_URI=mongodb://127.0.0.1:27017/kongjian.
 */
import { cli, intArg } from './cli-args.js';
import type { EmbeddedStoreOptions } from '../server/db/embedded/index.js';

const usage = `usage: npm run db -- [--port P] [--dir D] [--host H] [--socket PATH]

Runs the embedded MongoDB-compatible store as its own process, so several hub nodes can share it
(MONGODB_URI=mongodb://127.0.0.1:P/kongjian). Ctrl-C or SIGTERM flushes it and stops.

  --port P        TCP port (default: $PORT, else a free one)
  --dir D         data directory (default: $KONGJIAN_DB_DIR, else ./data/db)
  --host H        interface to listen on (default 127.0.0.1)
  --socket PATH   also listen on this Unix socket
  -h, --help      this text`;

const opts = cli(
  {
    command: 'npm run db --',
    usage,
    options: { port: { type: 'string' }, dir: { type: 'string' }, host: { type: 'string' }, socket: { type: 'string' } },
  },
  ({ values }): EmbeddedStoreOptions => {
    const port = intArg(values.port ?? process.env.PORT, 'port', 0, 65535);
    return {
      dir: values.dir ?? process.env.KONGJIAN_DB_DIR ?? './data/db',
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host } : {}),
      ...(values.socket ? { socketPath: values.socket } : {}),
    };
  },
);

// Loaded only after the arguments are read: `--help` and a bad flag touch nothing.
const { startEmbeddedStore } = await import('../server/db/embedded/index.js');
const store = await startEmbeddedStore(opts);
console.log(`embedded store ready uri=${store.uri} dir=${opts.dir} pid=${process.pid}`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  store.close().then(
    () => {
      console.log(`embedded store stopped (${signal})`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error('embedded store failed to close', err);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
