/**
 * The store: mongoose on `MONGODB_URI`, or on the embedded MongoDB-compatible store started
 * in-process. Above this file nothing knows which one it is talking to.
 */
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedStore, type EmbeddedStore } from './embedded/index.js';

mongoose.set('strictQuery', true);

export interface Store {
  readonly conn: Connection;
  /** Where it is: `embedded:<dir>` or the URI without credentials. */
  readonly description: string;
  /** Builds every registered model's indexes; call once all models exist. */
  syncIndexes(): Promise<void>;
  isUp(): Promise<boolean>;
  close(): Promise<void>;
}

/** Longest Unix socket path Linux accepts (sun_path is 108 bytes with its terminator). */
const MAX_SOCKET_PATH = 107;

/** Where the in-process store listens: `DATA_DIR/db.sock`, or loopback TCP when that path is too long for a socket. */
export function embeddedListenOptions(dataDir: string): { socketPath?: string } {
  const socketPath = path.resolve(dataDir, 'db.sock');
  return Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH ? { socketPath } : {};
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

export async function openStore(config: Config, logger: Logger): Promise<Store> {
  let embedded: EmbeddedStore | undefined;
  let uri = config.mongodbUri;
  let description: string;
  if (uri) {
    description = redactUri(uri);
  } else {
    const dir = path.join(config.dataDir, 'db');
    // A Unix socket of mode 0600 in DATA_DIR, not a loopback port: the store has no
    // authentication, and any local user could otherwise connect to a TCP port.
    embedded = await startEmbeddedStore({ dir, ...embeddedListenOptions(config.dataDir) });
    uri = `${embedded.uri}/kongjian`;
    description = `embedded:${dir}`;
  }
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5_000,
    heartbeatFrequencyMS: 2_000,
    maxPoolSize: 50,
    autoIndex: false,
    autoCreate: true,
    monitorCommands: true,
  });
  await conn.asPromise();
  logger.info({ store: description }, 'store connected');

  return {
    conn,
    description,
    async syncIndexes() {
      await Promise.all(Object.values(conn.models).map((m) => m.createIndexes()));
    },
    async isUp() {
      if (conn.readyState !== mongoose.ConnectionStates.connected || !conn.db) return false;
      try {
        await Promise.race([
          conn.db.admin().ping(),
          // Generous: a node busy with a reconnect storm answers late, and is not down for that.
          new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), 3_000).unref()),
        ]);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await conn.close();
      await embedded?.close();
    },
  };
}
