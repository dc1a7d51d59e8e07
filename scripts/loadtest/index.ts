/**
 * `npm run loadtest -- [options]`: hammers the socket endpoints of a hub (one it starts, or
 * `--url`) and prints what it measured; `--json` and `--report` keep it. See `--help`.
 */
import fs from 'node:fs/promises';
import { UsageError } from '../cli-args.js';
import { parseArgs, usage } from './options.js';
import { formatChurn } from './churn.js';
import { formatChatSummary, runChatLoadTest } from './chat.js';
import { rampStageText, renderReport } from './report.js';
import { formatSoak } from './soak.js';
import { runLoadTest } from './run.js';
import type { LoadTestSummary } from './summary.js';

export { runLoadTest } from './run.js';
export { runChatLoadTest, type ChatSummary } from './chat.js';
export type { LoadTestSummary } from './summary.js';

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;

/** The human-readable lines printed at the end of a run. */
export function formatSummary(s: LoadTestSummary): string {
  const l = s.latencyMs;
  const lines = [
    `target        ${s.setup.target}`,
    `sockets       ${s.connected}/${s.users} connected, ${s.connectFailures} failed, ${s.connectsPerSec}/s over ${s.connectSeconds}s`,
  ];
  s.rampStages?.forEach((stage, i) => lines.push(`ramp stage ${String(i + 1).padEnd(3)}${rampStageText(stage)}`));
  if (!s.setup.idle) {
    lines.push(
      `posts         ${s.posts.acked} acknowledged (${s.posts.perSec}/s), ${s.posts.held} held, ${s.posts.skipped} skipped`,
      `deliveries    ${s.deliveries} (${s.deliveriesPerSec}/s, peak ${s.peakDeliveriesPerSec}/s); expected ${s.expected}, missing ${s.missing}, duplicates ${s.duplicates}, not-friends ${s.unexpected}`,
      `latency       post 201 → friend's feed:post: p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (${s.deliveredBeforeAck} arrived before the 201)`,
      `from send     POST sent → friend's feed:post: p50 ${s.fromSendLatencyMs.p50} ms, p99 ${s.fromSendLatencyMs.p99} ms, max ${s.fromSendLatencyMs.max} ms`,
    );
    lines.push(
      `fan-out       POST sent → last recipient: p50 ${s.fanoutMs.p50} ms, p99 ${s.fanoutMs.p99} ms, max ${s.fanoutMs.max} ms`,
      `hub cpu       ${s.hubCpu.loadMs ?? '-'} ms during the load: ${s.hubCpuMsPerKDelivery ?? '-'} ms per 1 000 deliveries ` +
        `(kernel ${s.hubCpu.systemMsPerKDelivery ?? '-'}); ` +
        `${s.hubCpu.msPerKDeliveryAboveIdle ?? '-'} ms above idle (idle: ${s.hubCpu.idleMsPerSec ?? '-'} ms/s)`,
    );
    lines.push(
      `hub cpu/post  ${s.hubCpu.msPerPost ?? '-'} ms per acknowledged post, its deliveries included (kernel ${s.hubCpu.systemMsPerPost ?? '-'})`,
      `hub cpu/write ${s.hubCpu.msPerWrite ?? '-'} ms per acknowledged post, comment or visit (kernel ${s.hubCpu.systemMsPerWrite ?? '-'})`,
    );
    if (s.storeCommands)
      lines.push(
        `store         ${s.storeCommands.total} commands during the load: ${s.storeCommands.perWrite ?? '-'} per write (` +
          Object.entries(s.storeCommands.perWriteByCommand)
            .map(([c, n]) => `${c} ${n}`)
            .join(', ') +
          ')',
      );
    for (const n of s.nodes ?? [])
      lines.push(
        `node ${String(n.node).padEnd(9)}${n.cpuMs ?? '-'} ms CPU (kernel ${n.systemMs ?? '-'}) for ${n.localDeliveries} local + ${n.remoteDeliveries} remote deliveries ` +
          `(through Redis): ${n.msPerKDelivery ?? '-'} ms per 1 000`,
      );
    if (s.crossNodeLatencyMs)
      lines.push(
        `cross-node    p50 ${s.crossNodeLatencyMs.p50} ms, p99 ${s.crossNodeLatencyMs.p99} ms (same node p99 ${s.sameNodeLatencyMs?.p99 ?? '-'} ms)`,
      );
    if (s.comments.acked)
      lines.push(`comments      ${s.comments.acked} acked, ${s.comments.received} pushed, p99 ${s.comments.latencyMs.p99} ms`);
    if (s.visits.acked) lines.push(`visits        ${s.visits.acked} acked, ${s.visits.received} pushed, p99 ${s.visits.latencyMs.p99} ms`);
    if (s.redis) {
      const busiest = s.redis.busiestServer;
      lines.push(
        `redis         ${s.redis.outputBytesPerDelivery} bytes out and ${s.redis.masterCommandsPerDelivery} commands per delivery (${s.redis.commandsPerDelivery} with replicas); ` +
          `busiest of ${s.redis.servers} server(s) ${busiest.server}: ${busiest.percentOfCore}% of a core, ` +
          `${busiest.cpuMsPerKDelivery ?? '-'} ms CPU per 1 000 deliveries (all servers ${s.redis.totalCpuMs} ms)`,
        `redis calls   on masters per 1 000 deliveries: ${Object.entries(s.redis.commandsPerKDelivery)
          .slice(0, 6)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}`,
      );
    }
  }
  lines.push(
    `server memory ${mb(s.serverRssBytes)} RSS (baseline ${mb(s.serverRssBaselineBytes)}): ${kb(s.bytesPerSocket)} per socket` +
      (s.heapBytesPerSocket !== null ? `, heap ${kb(s.heapBytesPerSocket)} per socket` : ''),
    `connect cpu   ${s.hubCpu.connectMs ?? '-'} ms of hub CPU while connecting: ${s.hubCpu.msPerKConnect ?? '-'} ms per 1 000 connects (kernel ${s.hubCpu.systemMsPerKConnect ?? '-'})`,
    `hub loop      p99 max ${s.hubEventLoop.p99MaxMs ?? '-'} ms (${s.hubEventLoop.source})`,
    `generator     ${s.generator.workers} workers, busiest ${Math.round(s.generator.maxBusy * 100)}%, ${s.generator.cpuCores} cores: ` +
      (s.generator.saturated ? 'the generator was the limit' : 'the generator was not the limit'),
  );
  if (Object.keys(s.httpErrors).length) lines.push(`http errors   ${JSON.stringify(s.httpErrors)}`);
  if (Object.keys(s.connectErrors).length) lines.push(`connect errs  ${JSON.stringify(s.connectErrors)}`);
  if (Object.keys(s.otherEvents).length) lines.push(`other         ${JSON.stringify(s.otherEvents)}`);
  if (s.churn) lines.push(formatChurn(s.churn));
  if (s.soak) lines.push(...formatSoak(s.soak));
  for (const w of s.warnings) lines.push(`WARNING       ${w}`);
  for (const t of s.thresholds ?? [])
    lines.push(`threshold     ${t.ok ? 'ok     ' : 'BREACHED'} ${t.text} (measured ${t.actual ?? 'nothing'})`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`npm run loadtest --: ${err.message} (--help for usage)\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (options.scenario === 'chat') {
    const chat = await runChatLoadTest(options);
    process.stdout.write(`${formatChatSummary(chat)}\n`);
    if (options.json) await fs.writeFile(options.json, `${JSON.stringify(chat, null, 2)}\n`);
    if (chat.missing || chat.duplicates || chat.unexpected) process.exitCode = 1;
    return;
  }
  const summary = await runLoadTest(options);
  process.stdout.write(`${formatSummary(summary)}\n`);
  if (options.json) await fs.writeFile(options.json, `${JSON.stringify(summary, null, 2)}\n`);
  if (options.report) await fs.writeFile(options.report, renderReport(summary));
  if (summary.generator.saturated) process.stderr.write('warning: the load generator was saturated (CPU > 85%)\n');
  const breached = (summary.thresholds ?? []).filter((t) => !t.ok);
  if (breached.length) {
    process.stderr.write(`loadtest: ${breached.length} threshold(s) breached: ${breached.map((t) => t.text).join(', ')}\n`);
    process.exitCode = 1;
  }
  if (summary.churn && (summary.churn.missing > 0 || summary.churn.duplicates > 0)) {
    process.stderr.write(
      `loadtest: churn catch-up lost ${summary.churn.missing} and duplicated ${summary.churn.duplicates} notification(s)\n`,
    );
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Exiting runs the 'exit' hook that stops every process the run started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err: unknown) => {
      process.stderr.write(`loadtest failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
