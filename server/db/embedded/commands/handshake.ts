/** Connection handshake, diagnostics and session commands. */
import type { Document } from 'bson';
import type { CommandHandler } from './context.js';

export const SERVER_VERSION = '7.0.0';

const hello: CommandHandler = (cmd, ctx) => {
  const reply: Document = {
    isWritablePrimary: true,
    ismaster: true,
    topologyVersion: undefined,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
  delete reply.topologyVersion;
  if (cmd.helloOk === true) reply.helloOk = true;
  return reply;
};

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'kongjian-embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['lmdb'],
  modules: [],
  ok: 1,
});

const ok: CommandHandler = () => ({ ok: 1 });

export const handshakeCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  endSessions: ok,
  killAllSessions: ok,
  killSessions: ok,
  refreshSessions: ok,
  getParameter: (cmd) => {
    const out: Document = { ok: 1 };
    if ('featureCompatibilityVersion' in cmd || cmd.getParameter === '*') out.featureCompatibilityVersion = { version: '7.0' };
    return out;
  },
  getCmdLineOpts: () => ({ argv: ['kongjian-embedded'], parsed: {}, ok: 1 }),
  whatsmyuri: () => ({ you: '127.0.0.1:0', ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date() }, os: { type: process.platform }, extra: {}, ok: 1 }),
  serverStatus: (_cmd, ctx) => ({
    host: 'embedded',
    version: SERVER_VERSION,
    process: 'kongjian-embedded',
    pid: process.pid,
    uptime: Math.floor(process.uptime()),
    localTime: new Date(),
    connections: { current: 0 },
    metrics: { cursor: { open: { total: ctx.engine.cursors.size } } },
    ok: 1,
  }),
};
