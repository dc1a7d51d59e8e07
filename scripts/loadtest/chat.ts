/**
 * The chat scenario: pairs of friends (user i and i + users/2), each person on `devices` sockets,
 * exchange messages with `chat:send` over the socket at `messageRate` per second (open loop).
 * It times the acknowledgement (durable send) and the `chat:message` push to every device of
 * both people, and checks by `seq` that every device saw every message of its conversation once.
 * One generator thread: the sends and the receipts share one clock and one map of what was acked.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientAckFields, ClientToServerEvents, ServerToClientEvents } from '../../shared/events.js';
import { makeFriendGraph, prng } from './friend-graph.js';
import { Histogram, round, type LatencySummary } from './histogram.js';
import { closeHttpAgents } from './http.js';
import { commandsBetween, storeCommandCounts, totalOf } from './store-commands.js';
import { defaultOptions, type LoadTestOptions } from './options.js';
import { clock } from './protocol.js';
import { sourceAddress, sourceIpsFor } from './source-address.js';
import { prepareTarget } from './target.js';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A send: when it was emitted, from a device on which node. */
interface Sent {
  readonly at: number;
  readonly node: number;
}

/** A push of it to one of the peer's devices: when, on which node. */
interface Receipt {
  readonly at: number;
  readonly node: number;
}

const latencyLine = (l: LatencySummary) => `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (${l.count} pushes)`;

export interface ChatSummary {
  readonly scenario: 'chat';
  readonly target: string;
  readonly pairs: number;
  readonly devices: number;
  readonly sockets: number;
  readonly sent: number;
  readonly acked: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly messagesPerSec: number;
  /** `chat:send` emitted → its acknowledgement (the message is durable then). */
  readonly ackLatencyMs: LatencySummary;
  /** `chat:send` emitted → `chat:message` on each of the peer's devices. */
  readonly deliveryLatencyMs: LatencySummary;
  /**
   * With several nodes, the same split by where the receiving device is: on the sending device's
   * node, or on another (the message crossed Redis). A person's devices sit on different nodes.
   */
  readonly byNode?: { readonly sameNodeLatencyMs: LatencySummary; readonly crossNodeLatencyMs: LatencySummary };
  /** Pushes expected: every acked message to every device of both people. */
  readonly expected: number;
  readonly delivered: number;
  readonly missing: number;
  readonly duplicates: number;
  /** Pushes of a message to a socket that is neither person's. */
  readonly unexpected: number;
  readonly hubCpu: { readonly loadMs: number | null; readonly msPerKMessages: number | null; readonly idleMsPerSec: number | null };
  /** Store commands the hubs issued during the load (their `/metrics`), and per acknowledged message. */
  readonly store: { readonly commands: number | null; readonly perMessage: number | null };
  readonly durationSec: number;
}

/** Per socket: the seqs seen per conversation (a seq seen twice is a duplicate). */
interface Device {
  readonly user: number;
  /** The index of the node it is connected to. */
  readonly node: number;
  readonly socket: ChatSocket;
  readonly seen: Map<string, Set<number>>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChatLoadTest(partial: Partial<LoadTestOptions> = {}): Promise<ChatSummary> {
  const options: LoadTestOptions = { ...defaultOptions, ...partial, scenario: 'chat' };
  const log = options.verbose ? (line: string) => process.stderr.write(`[loadtest chat] ${line}\n`) : () => undefined;
  const users = options.users - (options.users % 2);
  if (users < 2) throw new Error('the chat scenario needs at least 2 users');
  const pairs = users / 2;
  // One friend each, the opposite user: pairs (i, i + users/2).
  const graph = makeFriendGraph(users, 1, options.seed);
  const peerOf = (i: number) => (i + pairs) % users;
  const target = await prepareTarget(options, graph, `lt${randomBytes(3).toString('hex')}_`, log);
  const sourceIps = sourceIpsFor([...target.baseUrls, ...target.realtimeUrls], options.sourceIps);
  const idOf = new Map(target.users.map((u) => [u.id, u.index]));
  const devices: Device[] = [];
  const sentAtOf = new Map<string, Sent>(); // message id → when and on which node its send was emitted
  const pendingReceipts = new Map<string, Receipt[]>(); // pushes that beat their ack: message id → receipts
  const acked = new Map<string, Set<number>>(); // conversation → acked seqs
  const delivery = new Histogram();
  const sameNode = new Histogram();
  const crossNode = new Histogram();
  const record = (sent: Sent, receipt: Receipt) => {
    const ms = receipt.at - sent.at;
    delivery.record(ms);
    (receipt.node === sent.node ? sameNode : crossNode).record(ms);
  };
  const ack = new Histogram();
  const rejected: Record<string, number> = {};
  let delivered = 0;
  let duplicates = 0;
  let unexpected = 0;

  const onMessage = (device: Device, message: { id: string; conversationId: string; seq: number; from: { id: string } }) => {
    const recvAt = clock();
    const from = idOf.get(message.from.id);
    if (from === undefined || (from !== device.user && peerOf(from) !== device.user)) {
      unexpected++;
      return;
    }
    let seen = device.seen.get(message.conversationId);
    if (!seen) device.seen.set(message.conversationId, (seen = new Set()));
    if (seen.has(message.seq)) duplicates++;
    else seen.add(message.seq);
    delivered++;
    if (from === device.user) return; // the sender's own devices: counted, not timed
    const sent = sentAtOf.get(message.id);
    const receipt = { at: recvAt, node: device.node };
    if (sent === undefined) pendingReceipts.set(message.id, [...(pendingReceipts.get(message.id) ?? []), receipt]);
    else record(sent, receipt);
  };

  try {
    log(`connecting ${users} users × ${options.devices} devices`);
    const nodes = target.realtimeUrls.length;
    await Promise.all(
      target.users.slice(0, users).flatMap((u) =>
        Array.from({ length: options.devices }, async (_, d) => {
          const localAddress = sourceAddress(sourceIps, u.index);
          // A person's devices on different nodes (with several), as a phone and a desk would land.
          const node = (u.index + d) % nodes;
          const socket: ChatSocket = io(target.realtimeUrls[node], {
            transports: ['websocket'],
            auth: { token: u.token },
            reconnection: false,
            ...(localAddress ? { localAddress } : {}),
          });
          const device: Device = { user: u.index, node, socket, seen: new Map() };
          socket.on('chat:message', ({ message }) => onMessage(device, message));
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          });
          devices.push(device);
        }),
      ),
    );
    const byUser = new Map<number, Device[]>();
    for (const d of devices) byUser.set(d.user, [...(byUser.get(d.user) ?? []), d]);

    const idleFrom = await target.hubCpuMs();
    const idleStart = clock();
    await sleep(1_000);
    const idleTo = await target.hubCpuMs();
    const idleMsPerSec = idleFrom && idleTo ? ((idleTo.total - idleFrom.total) / (clock() - idleStart)) * 1000 : null;

    const rand = prng(options.seed + 11);
    const cpuBefore = await target.hubCpuMs();
    const storeBefore = await storeCommandCounts(target.baseUrls);
    const startedAt = clock();
    const endAt = startedAt + options.duration * 1000;
    let sent = 0;
    const inFlight = new Set<Promise<void>>();
    const sendOne = async (): Promise<void> => {
      const from = Math.floor(rand() * users);
      const own = byUser.get(from)!;
      const device = own[Math.floor(rand() * own.length)]!;
      const to = target.users[peerOf(from)]!.handle;
      sent++;
      const sentAt = clock();
      // socket.io-client types a timed emitWithAck's answer as any; the event map says what it is.
      const sending = device.socket
        .timeout(30_000)
        .emitWithAck('chat:send', { to, text: `load test message ${sent}`, clientId: randomUUID() }) as Promise<
        Ack<ClientAckFields<'chat:send'>>
      >;
      const answer = await sending.catch((err: Error) => ({ ok: false as const, error: { code: err.message } }));
      ack.record(clock() - sentAt);
      if (!answer.ok) {
        const code = answer.error.code;
        rejected[code] = (rejected[code] ?? 0) + 1;
        return;
      }
      const m = answer.message;
      const origin = { at: sentAt, node: device.node };
      sentAtOf.set(m.id, origin);
      let seqs = acked.get(m.conversationId);
      if (!seqs) acked.set(m.conversationId, (seqs = new Set()));
      seqs.add(m.seq);
      for (const receipt of pendingReceipts.get(m.id) ?? []) record(origin, receipt);
      pendingReceipts.delete(m.id);
    };
    log(`sending ${options.messageRate} messages/s for ${options.duration}s`);
    while (clock() < endAt) {
      const due = Math.floor((options.messageRate * (clock() - startedAt)) / 1000) - sent;
      for (let i = 0; i < due; i++) {
        const p = sendOne();
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      await sleep(5);
    }
    await Promise.allSettled([...inFlight]);
    const loadEnd = clock();
    // Drain: until every expected push arrived, or the drain window ends.
    const ackedCount = [...acked.values()].reduce((s, v) => s + v.size, 0);
    const expected = ackedCount * options.devices * 2;
    const drainEnd = clock() + options.drain * 1000;
    while (clock() < drainEnd && delivered < expected) await sleep(50);
    const cpuAfter = await target.hubCpuMs();
    const storeAfter = await storeCommandCounts(target.baseUrls);

    let missing = 0;
    for (const d of devices) {
      const conversations = [...acked.keys()].filter((c) => c.includes(target.users[d.user]!.id));
      for (const c of conversations) {
        const seen = d.seen.get(c);
        for (const seq of acked.get(c)!) if (!seen?.has(seq)) missing++;
      }
    }
    const wallSec = (loadEnd - startedAt) / 1000;
    const loadMs = cpuBefore && cpuAfter ? round(cpuAfter.total - cpuBefore.total, 0) : null;
    // The sends' own commands (and the hub's background work, e.g. presence, in the same seconds).
    const between = commandsBetween(storeBefore, storeAfter);
    const storeDuring = between ? totalOf(between) : null;
    return {
      scenario: 'chat',
      target: target.description,
      pairs,
      devices: options.devices,
      sockets: devices.length,
      sent,
      acked: ackedCount,
      rejected,
      messagesPerSec: round(ackedCount / wallSec, 1),
      ackLatencyMs: ack.summary(),
      deliveryLatencyMs: delivery.summary(),
      ...(nodes > 1 ? { byNode: { sameNodeLatencyMs: sameNode.summary(), crossNodeLatencyMs: crossNode.summary() } } : {}),
      expected,
      delivered,
      missing,
      duplicates,
      unexpected,
      hubCpu: {
        loadMs,
        msPerKMessages: loadMs !== null && ackedCount ? round((loadMs / ackedCount) * 1000, 1) : null,
        idleMsPerSec: idleMsPerSec === null ? null : round(idleMsPerSec, 1),
      },
      store: {
        commands: storeDuring,
        perMessage: storeDuring !== null && ackedCount ? round(storeDuring / ackedCount, 1) : null,
      },
      durationSec: round(wallSec, 1),
    };
  } finally {
    for (const d of devices) d.socket.disconnect();
    closeHttpAgents();
    await target.stop();
  }
}

/** The human-readable lines printed at the end of a chat run. */
export function formatChatSummary(s: ChatSummary): string {
  const a = s.ackLatencyMs;
  const d = s.deliveryLatencyMs;
  return [
    `target        ${s.target}`,
    `sockets       ${s.sockets} (${s.pairs} pairs of friends, ${s.devices} devices each)`,
    `messages      ${s.acked}/${s.sent} acknowledged (${s.messagesPerSec}/s over ${s.durationSec}s)` +
      (Object.keys(s.rejected).length ? `, rejected ${JSON.stringify(s.rejected)}` : ''),
    `ack           chat:send → ack: p50 ${a.p50} ms, p95 ${a.p95} ms, p99 ${a.p99} ms, max ${a.max} ms`,
    `delivery      chat:send → peer's chat:message (every device): p50 ${d.p50} ms, p95 ${d.p95} ms, p99 ${d.p99} ms, max ${d.max} ms`,
    ...(s.byNode
      ? [
          `same node     chat:send → peer's device on the sender's node: ${latencyLine(s.byNode.sameNodeLatencyMs)}`,
          `cross-node    chat:send → peer's device on another node: ${latencyLine(s.byNode.crossNodeLatencyMs)}`,
        ]
      : []),
    `pushes        ${s.delivered} of ${s.expected} expected (both people, every device); missing ${s.missing}, duplicates ${s.duplicates} (by seq), strangers ${s.unexpected}`,
    `hub cpu       ${s.hubCpu.loadMs ?? '-'} ms during the load: ${s.hubCpu.msPerKMessages ?? '-'} ms per 1 000 messages (idle ${s.hubCpu.idleMsPerSec ?? '-'} ms/s)`,
    `store         ${s.store.commands ?? '-'} commands during the load: ${s.store.perMessage ?? '-'} per message`,
  ].join('\n');
}
