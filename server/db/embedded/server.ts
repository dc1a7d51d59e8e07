/** TCP / Unix-socket listener speaking the MongoDB wire protocol. */
import net from 'node:net';
import { runCommand } from './commands/index.js';
import type { Engine } from './engine.js';
import { encodeOpMsg, encodeOpReply, MessageFramer, MSG_MORE_TO_COME, parseMessage } from './wire-protocol.js';

export class WireServer {
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly inflight = new Set<Promise<void>>();
  private connectionCounter = 0;

  constructor(private readonly engine: Engine) {}

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const connectionId = ++this.connectionCounter;
    const framer = new MessageFramer();
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      let msgs: Buffer[];
      try {
        msgs = framer.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const msg of msgs) {
        const p = this.handle(socket, msg, connectionId).catch(() => {
          socket.destroy();
        });
        this.inflight.add(p);
        void p.finally(() => this.inflight.delete(p));
      }
    });
  }

  private async handle(socket: net.Socket, msg: Buffer, connectionId: number): Promise<void> {
    const req = parseMessage(msg);
    const reply = await runCommand({ engine: this.engine, db: req.db, req, connectionId });
    if (req.kind === 'msg' && req.flags & MSG_MORE_TO_COME) return;
    const out = req.kind === 'query' ? encodeOpReply(req.header.requestId, reply) : encodeOpMsg(req.header.requestId, reply);
    if (!socket.destroyed) socket.write(out);
  }

  listenTcp(port: number, host: string): Promise<net.AddressInfo> {
    return this.listen((s) => s.listen(port, host)).then((s) => s.address() as net.AddressInfo);
  }

  async listenUnix(path: string): Promise<void> {
    await this.listen((s) => s.listen(path));
  }

  private listen(start: (s: net.Server) => void): Promise<net.Server> {
    const server = net.createServer((s) => this.onConnection(s));
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        resolve(server);
      });
      start(server);
    });
  }

  /** Stops accepting, waits for in-flight commands (so acknowledged writes are committed), drops connections. */
  async close(): Promise<void> {
    const closing = this.servers.map((s) => new Promise<void>((r) => s.close(() => r())));
    for (const s of this.sockets) s.pause();
    await Promise.allSettled([...this.inflight]);
    for (const s of this.sockets) s.destroy();
    await Promise.all(closing);
  }
}
