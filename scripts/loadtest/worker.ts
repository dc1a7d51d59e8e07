/**
 * A load-generator worker (a thread, or a process when one process cannot hold enough sockets):
 * holds its share of authenticated sockets, times every `feed:post` against the author's 201,
 * and at the end tells who missed a post, who got one twice, and who got one they should not have.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerPayload, ServerToClientEvents } from '../../shared/events.js';
import { friendCount, friendsOf, friendSlot, offsetSlots } from './friend-graph.js';
import { Histogram } from './histogram.js';
import { clock, type MainToWorker, type PostedItem, type WorkerFinal, type WorkerInit, type WorkerToMain } from './protocol.js';
import { connectDueMs, connectedByStageEnd } from './ramp.js';
import { sourceAddress } from './source-address.js';

type LoadSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const send = (m: WorkerToMain): void => {
  if (parentPort) parentPort.postMessage(m);
  else process.send?.(m);
};

interface PostTrack {
  readonly author: number;
  /** Receipts per friend slot of the author (see friendSlot). */
  readonly counts: Uint8Array;
  info: PostedItem | undefined;
  /** When the last receipt of this post here arrived. */
  lastAt: number;
  /** Receipts seen before the main thread's ack reached us: [recvAt, recipient] pairs. */
  pending: number[] | undefined;
}

function createWorker(init: WorkerInit) {
  const n = init.users.length;
  const nodes = init.realtimeUrls.length;
  const slotOf = new Map<number, number>(init.users.map((u, i) => [u.index, i]));
  const offsets = offsetSlots(init.graph);
  const degree = friendCount(init.graph);
  const sockets: Array<LoadSocket | undefined> = new Array<LoadSocket | undefined>(n);
  const connectedAt = new Float64Array(n);
  const dropped = new Uint8Array(n);
  const posts = new Map<string, PostTrack>();
  const sideAcks = new Map<string, number>();
  const sideRecv = new Map<string, number>();
  const connectErrors: Record<string, number> = {};
  const otherEvents: Record<string, number> = {};

  const latency = new Histogram();
  const fromSend = new Histogram();
  const tickLatency = new Histogram();
  const tickFromSend = new Histogram();
  const cross = new Histogram();
  const same = new Histogram();
  /** Deliveries to sockets on each node: from a poster on that node (local) or on another (remote, through Redis). */
  const byNode = Array.from({ length: nodes > 1 ? nodes : 0 }, () => ({ local: 0, remote: 0 }));
  const side = { comment: new Histogram(), visit: new Histogram() };
  const sideReceived = { comment: 0, visit: 0 };

  let connected = 0;
  let failures = 0;
  let connectsInTick = 0;
  let deliveries = 0;
  let deliveriesInTick = 0;
  let unexpected = 0;
  let beforeAck = 0;
  let disconnects = 0;
  let firstAttemptAt = 0;
  let lastConnectAt = 0;
  /** When connecting began: `--ramp` stages are counted from here. */
  let rampStart = 0;

  const bump = (m: Record<string, number>, key: string) => {
    m[key] = (m[key] ?? 0) + 1;
  };

  const recordLatency = (info: PostedItem, recvAt: number, recipient: number) => {
    const ms = recvAt - info.ackAt;
    if (ms < 0) beforeAck++;
    latency.record(ms);
    fromSend.record(recvAt - info.sentAt);
    tickFromSend.record(recvAt - info.sentAt);
    tickLatency.record(ms);
    if (nodes > 1) {
      const node = recipient % nodes;
      const local = node === info.node;
      (local ? same : cross).record(ms);
      const counts = byNode[node];
      if (counts) counts[local ? 'local' : 'remote']++;
    }
  };

  const authorOf = (handle: string): number => {
    if (!handle.startsWith(init.handlePrefix)) return -1;
    const i = Number(handle.slice(init.handlePrefix.length));
    return Number.isInteger(i) && i >= 0 && i < init.graph.users ? i : -1;
  };

  const onFeedPost = (recipient: number, payload: ServerPayload<'feed:post'>) => {
    const recvAt = clock();
    const author = authorOf(payload.post.author.handle);
    if (author < 0) return bump(otherEvents, 'feed:post (not from this run)');
    if (author === recipient) return bump(otherEvents, 'feed:post (own post)');
    const fanPost = author === init.celebrity;
    // A fan post's receipts are counted per local user; a friend post's per friend of the author.
    const slot = fanPost ? (slotOf.get(recipient) ?? -1) : friendSlot(init.graph, offsets, author, recipient);
    if (slot < 0) {
      unexpected++;
      return;
    }
    deliveries++;
    deliveriesInTick++;
    let track = posts.get(payload.post.id);
    if (!track) {
      track = { author, counts: new Uint8Array(fanPost ? n : degree), info: undefined, pending: undefined, lastAt: 0 };
      posts.set(payload.post.id, track);
    }
    track.lastAt = Math.max(track.lastAt, recvAt);
    if (track.counts[slot]! < 255) track.counts[slot]! += 1;
    if (track.info) recordLatency(track.info, recvAt, recipient);
    else (track.pending ??= []).push(recvAt, recipient);
  };

  const sideMatch = (kind: 'comment' | 'visit', key: string, recvAt: number) => {
    sideReceived[kind]++;
    const ackAt = sideAcks.get(key);
    if (ackAt === undefined) sideRecv.set(key, recvAt);
    else {
      sideAcks.delete(key);
      side[kind].record(recvAt - ackAt);
    }
  };

  const connectOne = (slot: number): Promise<void> => {
    const user = init.users[slot]!;
    const url = init.realtimeUrls[user.index % nodes]!;
    const localAddress = sourceAddress(init.sourceIps, user.index);
    if (!firstAttemptAt) firstAttemptAt = clock();
    return new Promise((resolve) => {
      let settled = false;
      // The Manager's timeout covers the transport only; a handshake the server never answers
      // (auth middleware stuck) would otherwise hang this lane forever.
      const deadline = setTimeout(() => {
        if (settled) return;
        settled = true;
        failures++;
        bump(connectErrors, 'handshake timeout (30 s)');
        socket.close();
        sockets[slot] = undefined;
        resolve();
      }, 30_000);
      const socket: LoadSocket = io(url, {
        transports: ['websocket'],
        auth: { token: user.token },
        forceNew: true,
        reconnection: false,
        timeout: 30_000,
        ...(localAddress ? { localAddress } : {}),
      } as Parameters<typeof io>[1]);
      sockets[slot] = socket;
      socket.once('connect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        connectedAt[slot] = clock();
        lastConnectAt = connectedAt[slot]!;
        connected++;
        connectsInTick++;
        resolve();
      });
      socket.once('connect_error', (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        failures++;
        bump(connectErrors, err.message || 'connect_error');
        socket.close();
        sockets[slot] = undefined;
        resolve();
      });
      socket.on('disconnect', (reason) => {
        if (connectedAt[slot] && !dropped[slot] && !finishing) {
          dropped[slot] = 1;
          disconnects++;
          connected--;
          bump(otherEvents, `disconnect: ${reason}`);
        }
      });
      socket.on('feed:post', (p) => onFeedPost(user.index, p));
      socket.on('post:comment', (p) => sideMatch('comment', `c:${p.comment.id}`, clock()));
      socket.on('space:visitor', (p) => sideMatch('visit', `v:${p.visitor.handle}:${user.index}`, clock()));
      socket.on('server:notice', (p) => bump(otherEvents, `server:notice ${p.code}`));
    });
  };

  let finishing = false;

  async function connectAll(): Promise<void> {
    const start = clock();
    rampStart = start;
    let next = 0;
    const lane = async () => {
      while (next < n) {
        const slot = next++;
        if (init.ramp.length > 0) {
          // This worker's slot as a rank among every worker's users (phases count all of them).
          const due = start + connectDueMs(Math.floor((slot * init.graph.users) / n), init.graph.users, init.ramp);
          const wait = due - clock();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        await connectOne(slot);
      }
    };
    await Promise.all(Array.from({ length: Math.min(init.connectConcurrency, n) }, lane));
    send({ type: 'connected', workerId: init.workerId, connected, failures });
  }

  function onPosted(items: readonly PostedItem[]): void {
    for (const item of items) {
      let track = posts.get(item.postId);
      if (!track) {
        // Nobody here has it yet; keep the ack so late receipts and the final check can use it.
        track = {
          author: item.author,
          counts: new Uint8Array(item.author === init.celebrity ? n : degree),
          info: item,
          pending: undefined,
          lastAt: 0,
        };
        posts.set(item.postId, track);
        continue;
      }
      track.info = item;
      const p = track.pending;
      if (p) for (let i = 0; i < p.length; i += 2) recordLatency(item, p[i]!, p[i + 1]!);
      track.pending = undefined;
    }
  }

  function onSide(items: readonly { key: string; ackAt: number }[]): void {
    for (const { key, ackAt } of items) {
      const recvAt = sideRecv.get(key);
      const kind = key.startsWith('c:') ? 'comment' : 'visit';
      if (recvAt === undefined) sideAcks.set(key, ackAt);
      else {
        sideRecv.delete(key);
        side[kind].record(recvAt - ackAt);
      }
    }
  }

  let lastElu = performance.eventLoopUtilization();
  let lastCpu = process.cpuUsage();
  let lastWall = clock();
  const ticker = setInterval(() => {
    const elu = performance.eventLoopUtilization(lastElu);
    lastElu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    const now = clock();
    const wallUs = (now - lastWall) * 1000;
    lastWall = now;
    send({
      type: 'tick',
      workerId: init.workerId,
      at: now,
      connected,
      connectFailures: failures,
      connectsInTick,
      deliveriesInTick,
      latency: tickLatency.snapshot(),
      fromSendLatency: tickFromSend.snapshot(),
      busy: elu.utilization,
      processCpu: wallUs > 0 ? (cpu.user + cpu.system) / wallUs : 0,
      disconnects,
    });
    connectsInTick = 0;
    deliveriesInTick = 0;
    tickLatency.reset();
    tickFromSend.reset();
  }, 1_000);

  function finish(): WorkerFinal {
    finishing = true;
    clearInterval(ticker);
    let expected = 0;
    let missing = 0;
    let duplicates = 0;
    let unacked = 0;
    for (const track of posts.values()) {
      const info = track.info;
      if (!info) {
        for (const c of track.counts) unacked += c;
        continue;
      }
      const fanPost = track.author === init.celebrity;
      // Fans: every local user but the author; friends: the author's friends held here.
      const audience = fanPost ? init.users.map((u) => u.index) : friendsOf(init.graph, track.author);
      for (let s = 0; s < audience.length; s++) {
        const local = slotOf.get(audience[s]!);
        if (local === undefined || audience[s] === track.author) continue;
        const count = track.counts[s]!;
        if (count > 1) duplicates += count - 1;
        const online = connectedAt[local]! > 0 && connectedAt[local]! <= info.sentAt && !dropped[local];
        if (!online) continue;
        expected++;
        if (count === 0) missing++;
      }
    }
    for (const s of sockets) s?.close();
    return {
      type: 'final',
      workerId: init.workerId,
      connected,
      connectFailures: failures,
      connectErrors,
      firstAttemptAt,
      lastConnectAt,
      connectedByStage: connectedByStageEnd(init.ramp, rampStart, connectedAt),
      deliveries,
      expected,
      missing,
      duplicates,
      unexpected,
      unacked,
      beforeAck,
      latency: latency.snapshot(),
      fromSendLatency: fromSend.snapshot(),
      crossNodeLatency: cross.snapshot(),
      sameNodeLatency: same.snapshot(),
      deliveriesByNode: byNode,
      sideLatency: { comment: side.comment.snapshot(), visit: side.visit.snapshot() },
      sideReceived,
      disconnects,
      otherEvents,
      lastReceipts: [...posts].filter(([, t]) => t.lastAt > 0).map(([id, t]) => [id, t.lastAt] as const),
    };
  }

  return { connectAll, onPosted, onSide, finish };
}

let worker: ReturnType<typeof createWorker> | undefined;

function onMessage(m: MainToWorker): void {
  switch (m.type) {
    case 'init':
      worker = createWorker(m);
      send({ type: 'ready', workerId: m.workerId });
      break;
    case 'connect':
      void worker?.connectAll();
      break;
    case 'posted':
      worker?.onPosted(m.items);
      break;
    case 'side':
      worker?.onSide(m.items);
      break;
    case 'finish':
      // The main thread ends this worker once it has the final report.
      if (worker) send(worker.finish());
      break;
  }
}

if (parentPort) parentPort.on('message', onMessage);
else process.on('message', onMessage);
