/**
 * `--churn RATE`: reconnects RATE sockets per second during the run and checks their catch-up.
 * A set of users gets one extra socket each (beside the one a worker holds, so the delivery checks
 * of the workers are untouched); every 1/RATE s the next of them disconnects, stays away for a
 * moment, reconnects and asks `notifications:sync { after: the highest seq it saw }`, as the
 * client does. At the end each user's notifications of the run, read afresh, must each have been
 * seen exactly once by its churning socket, live (`notification`) or through a sync.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientAckFields, ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';
import { Histogram, type LatencySummary } from './histogram.js';
import { clock } from './protocol.js';
import type { SeededUser } from './seed.js';
import { sourceAddress } from './source-address.js';

type ChurnSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ChurnSummary {
  /** Reconnects per second asked for, and done. */
  readonly rate: number;
  readonly users: number;
  readonly reconnects: number;
  readonly reconnectFailures: number;
  readonly reconnectErrors: Readonly<Record<string, number>>;
  /** From the reconnect's start to its sync's answer. */
  readonly catchUpMs: LatencySummary;
  /** Notifications of the run for the churning users (read at the end), and how they were seen. */
  readonly expected: number;
  readonly live: number;
  readonly synced: number;
  readonly missing: number;
  readonly duplicates: number;
  /** Pushed live right after a reconnect and also returned by its sync (benign: same seq). */
  readonly overlap: number;
}

export interface ChurnPlan {
  readonly realtimeUrls: readonly string[];
  readonly users: readonly SeededUser[];
  readonly rate: number;
  readonly sourceIps: number;
  /** How long a socket stays away before it reconnects (ms). */
  readonly offlineMs?: number;
}

interface Churner {
  readonly user: SeededUser;
  socket: ChurnSocket | undefined;
  /** Between its disconnect and its sync's answer: not churned again meanwhile. */
  busy: boolean;
  /** The seq the run's notifications start after, and the highest seen since. */
  startSeq: number;
  maxSeq: number;
  /** Times each seq was pushed live, and returned by a sync. */
  readonly live: Map<number, number>;
  readonly synced: Map<number, number>;
}

const syncLimit = 500;

function connect(url: string, token: string, localAddress: string | undefined): Promise<ChurnSocket> {
  return new Promise((resolve, reject) => {
    const socket: ChurnSocket = io(url, {
      transports: ['websocket'],
      auth: { token },
      forceNew: true,
      reconnection: false,
      timeout: 30_000,
      ...(localAddress ? { localAddress } : {}),
    } as Parameters<typeof io>[1]);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error) => {
      socket.close();
      reject(err);
    });
  });
}

/** Every notification after `after`, page by page. */
async function syncAll(socket: ChurnSocket, after: number): Promise<number[]> {
  const seqs: number[] = [];
  for (;;) {
    // socket.io-client types a timed emitWithAck's answer as any; the event map says what it is.
    const ack = await (socket.timeout(30_000).emitWithAck('notifications:sync', { after, limit: syncLimit }) as Promise<
      Ack<ClientAckFields<'notifications:sync'>>
    >);
    if (!ack.ok) throw new Error(`notifications:sync: ${ack.error.code}`);
    for (const n of ack.notifications) seqs.push(n.seq);
    if (ack.notifications.length < syncLimit) return seqs;
    after = ack.notifications.at(-1)!.seq;
  }
}

export interface Churn {
  stop(): Promise<ChurnSummary>;
}

/** Connects the churning sockets, then reconnects `rate` of them per second until `stop`. */
export async function startChurn(plan: ChurnPlan): Promise<Churn> {
  // Each churning user comes round about every 10 s (at least 10 users, at most all of them).
  const count = Math.min(plan.users.length, Math.max(10, Math.ceil(plan.rate * 10)));
  const step = plan.users.length / count;
  const churners: Churner[] = Array.from({ length: count }, (_, i) => ({
    user: plan.users[Math.floor(i * step)]!,
    socket: undefined,
    busy: false,
    startSeq: 0,
    maxSeq: 0,
    live: new Map(),
    synced: new Map(),
  }));
  const catchUp = new Histogram();
  const reconnectErrors: Record<string, number> = {};
  let reconnects = 0;
  let reconnectFailures = 0;
  let live = 0;
  let synced = 0;

  const see = (c: Churner, how: 'live' | 'synced', seq: number): void => {
    if (seq <= c.startSeq) return;
    c[how].set(seq, (c[how].get(seq) ?? 0) + 1);
    if (seq > c.maxSeq) c.maxSeq = seq;
  };
  const open = async (c: Churner): Promise<ChurnSocket> => {
    const url = plan.realtimeUrls[c.user.index % plan.realtimeUrls.length]!;
    const socket = await connect(url, c.user.token, sourceAddress(plan.sourceIps, c.user.index));
    socket.on('notification', ({ notification }) => {
      live++;
      see(c, 'live', notification.seq);
    });
    c.socket = socket;
    return socket;
  };

  // Where each user's notifications stand before the run's traffic.
  await Promise.all(
    churners.map(async (c) => {
      const socket = await open(c);
      const before = await syncAll(socket, 0);
      c.startSeq = c.maxSeq = before.at(-1) ?? 0;
    }),
  );

  const offlineMs = plan.offlineMs ?? 500;
  const inFlight = new Set<Promise<void>>();
  const reconnect = async (c: Churner): Promise<void> => {
    c.busy = true;
    c.socket?.close();
    c.socket = undefined;
    await new Promise((r) => setTimeout(r, offlineMs));
    const started = clock();
    try {
      const socket = await open(c);
      const seqs = await syncAll(socket, c.maxSeq);
      synced += seqs.length;
      for (const seq of seqs) see(c, 'synced', seq);
      catchUp.record(clock() - started);
      reconnects++;
    } catch (err) {
      reconnectFailures++;
      const code = err instanceof Error ? err.message : String(err);
      reconnectErrors[code] = (reconnectErrors[code] ?? 0) + 1;
    } finally {
      c.busy = false;
    }
  };
  let next = 0;
  const timer = setInterval(
    () => {
      const c = churners[next++ % churners.length]!;
      if (c.busy) return; // still catching up from its last turn
      const p = reconnect(c).finally(() => inFlight.delete(p));
      inFlight.add(p);
    },
    Math.max(1, 1000 / plan.rate),
  );

  return {
    async stop(): Promise<ChurnSummary> {
      clearInterval(timer);
      await Promise.all(inFlight);
      let expected = 0;
      let missing = 0;
      let duplicates = 0;
      let overlap = 0;
      await Promise.all(
        churners.map(async (c) => {
          const socket = c.socket ?? (await open(c));
          // What the user has now, read afresh: each must have been seen exactly once.
          const all = await syncAll(socket, c.startSeq);
          expected += all.length;
          for (const seq of all) {
            const pushed = c.live.get(seq) ?? 0;
            const resent = c.synced.get(seq) ?? 0;
            if (pushed + resent === 0) missing++;
            // Pushed twice, or resent by two syncs. Pushed just as a sync also returned it is the
            // reconnect's expected overlap (the client keeps one by seq), counted apart.
            duplicates += Math.max(0, pushed - 1) + Math.max(0, resent - 1);
            if (pushed > 0 && resent > 0) overlap++;
          }
          socket.close();
        }),
      );
      return {
        rate: plan.rate,
        users: churners.length,
        reconnects,
        reconnectFailures,
        reconnectErrors,
        catchUpMs: catchUp.summary(),
        expected,
        live,
        synced,
        missing,
        duplicates,
        overlap,
      };
    },
  };
}

/** The summary's churn line. */
export function formatChurn(c: ChurnSummary): string {
  return (
    `churn         ${c.reconnects} reconnects (${c.rate}/s asked, ${c.users} users), ${c.reconnectFailures} failed; ` +
    `catch-up p50 ${c.catchUpMs.p50} ms, p99 ${c.catchUpMs.p99} ms; notifications ${c.expected} expected, ` +
    `${c.live} live + ${c.synced} synced, missing ${c.missing}, duplicates ${c.duplicates} (live+sync overlap ${c.overlap})`
  );
}
