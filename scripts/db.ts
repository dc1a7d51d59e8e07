/**
 * Runs the embedded MongoDB-compatible store alone in the foreground:
 *   npm run db -- --port 27017 --dir ./data/db [--host 127.0.0.1] [--socket /tmp/kj.sock]
 * Hub nodes then share it with MONGODB_URI=mongodb://127.0.0.1:27017/kongjian.
 */
import { startEmbeddedStore, type EmbeddedStoreOptions } from '../server/db/embedded/index.js';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const opts: EmbeddedStoreOptions = { dir: arg('dir') ?? process.env.KONGJIAN_DB_DIR ?? './data/db' };
const port = arg('port') ?? process.env.PORT;
if (port !== undefined) opts.port = Number(port);
const host = arg('host');
if (host) opts.host = host;
const socket = arg('socket');
if (socket) opts.socketPath = socket;

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
