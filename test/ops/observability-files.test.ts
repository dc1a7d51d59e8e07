/**
 * deploy/grafana-dashboard.json and deploy/prometheus-alerts.yml: they parse, and every metric they
 * name is one a running hub exports (scraped from /metrics of a test hub with Redis, after some chat
 * traffic), with the labels they group and filter by, so a renamed metric, label or route cannot leave
 * a dashboard panel empty or an alert silent. `promtool check rules` runs too where Prometheus's tool
 * is installed.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  connectSocket,
  emitAck,
  makeFriends,
  nextEvent,
  registerUser,
  startTestHub,
  startTestRedis,
  type TestHub,
  type TestRedis,
} from '../helpers/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface Panel {
  readonly type: string;
  readonly title: string;
  readonly targets?: ReadonlyArray<{ readonly expr: string }>;
}
interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: { readonly severity: string };
  readonly annotations: { readonly summary: string; readonly description: string };
}

const dashboard = JSON.parse(read('deploy/grafana-dashboard.json')) as { title: string; uid: string; panels: Panel[] };
const alerts = parseYaml(read('deploy/prometheus-alerts.yml')) as { groups: Array<{ name: string; rules: Rule[] }> };
const rules = alerts.groups.flatMap((g) => g.rules);
const panelExprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

/** One scrape of /metrics: each metric family (as `# TYPE` names it) with its samples' labels. */
interface Scrape {
  readonly types: ReadonlyMap<string, string>;
  readonly samples: ReadonlyArray<{ readonly name: string; readonly labels: Readonly<Record<string, string>> }>;
}

function parseScrape(text: string): Scrape {
  const types = new Map<string, string>();
  const samples: Array<{ name: string; labels: Record<string, string> }> = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? \S+$/.exec(line);
    if (!sample) continue;
    const labels: Record<string, string> = {};
    for (const m of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]!] = m[2]!;
    samples.push({ name: sample[1]!, labels });
  }
  return { types, samples };
}

/** Labels Prometheus adds to every series it scrapes. */
const targetLabels = new Set(['job', 'instance']);

/**
 * What is wrong with `expr` against a real scrape: a `kj_` metric the hub does not export, a label it
 * does not carry (in a selector or a `by (…)`), or an exact label value (an event, a route) no sample has.
 */
function problemsOf(expr: string, scrape: Scrape): string[] {
  const problems: string[] = [];
  const labelsOfExpr = new Set(targetLabels);
  let unsampled = false;
  for (const [, name = '', body = ''] of expr.matchAll(/\b(kj_[a-z0-9_]+|up)\b(?:\{([^}]*)\})?/g)) {
    if (name === 'up') continue; // Prometheus's own
    const family = scrape.types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    if (!scrape.types.has(family) || (family !== name && scrape.types.get(family) !== 'histogram')) {
      problems.push(`${name} is not exported`);
      continue;
    }
    const samples = scrape.samples.filter((s) => s.name === name);
    const labels = new Set(samples.flatMap((s) => Object.keys(s.labels)));
    if (samples.length === 0) unsampled = true;
    for (const label of labels) labelsOfExpr.add(label);
    for (const [, label = '', op = '', value = ''] of body.matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)) {
      if (targetLabels.has(label)) continue;
      // Without samples a metric shows no labels: only exact values are checked then.
      if (samples.length > 0 && !labels.has(label)) problems.push(`${name} has no label ${label}`);
      if (op === '=' && !samples.some((s) => s.labels[label] === value)) problems.push(`no ${name} sample with ${label}="${value}"`);
    }
  }
  // A counter nothing has counted yet shows no labels: a `by` over it is checked once it has samples.
  if (unsampled) return problems;
  for (const [, list = ''] of expr.matchAll(/\bby \(([^)]*)\)/g))
    for (const label of list.split(',').map((l) => l.trim()))
      if (!labelsOfExpr.has(label)) problems.push(`by (${label}): no metric of this expression has it`);
  return problems;
}

let redis: TestRedis;
let hub: TestHub;
let scrape: Scrape;

beforeAll(async () => {
  redis = await startTestRedis();
  // With Redis: kj_redis_up, kj_redis_errors_total. Budgets as in production, so one can run out below.
  hub = await startTestHub({ redisUrl: redis.url, env: { RATE_LIMIT_SCALE: '1' } });
  // Chat over REST and over sockets, so the chat panels' events and route have samples to match.
  const [mei, lan] = await Promise.all([registerUser(hub, 'mei'), registerUser(hub, 'lan')]);
  await makeFriends(mei, lan);
  const [meiSocket, lanSocket] = await Promise.all([connectSocket(hub, mei.token), connectSocket(hub, lan.token)]);
  const pushed = nextEvent(lanSocket, 'chat:message', ({ message }) => message.text === '在吗');
  expect((await mei.api.post(`/conversations/${lan.handle}/messages`, { text: '你好', clientId: randomUUID() })).status).toBe(201);
  expect((await emitAck(meiSocket, 'chat:send', { to: lan.handle, text: '在吗', clientId: randomUUID() })).ok).toBe(true);
  await pushed;
  expect((await emitAck(lanSocket, 'chat:sync', { after: 0 })).ok).toBe(true);
  // A refusal, so kj_rate_limit_refusals_total shows its limit label: chat-recall allows 30 a minute.
  const missing = '0123456789abcdef01234567';
  for (let i = 0; i < 30; i++) await lan.api.post(`/messages/${missing}/recall`);
  expect((await lan.api.post(`/messages/${missing}/recall`)).status).toBe(429);
  scrape = parseScrape(await (await fetch(`${hub.url}/metrics`)).text());
  meiSocket.close();
  lanSocket.close();
});

afterAll(async () => {
  await hub?.close();
  await redis?.close();
});

describe('the Grafana dashboard', () => {
  it('has the four panels the README names, and the delivery and chat ones', () => {
    expect(dashboard.uid).toBe('kongjian-hubs');
    const all = panelExprs.join('\n');
    expect(all).toContain('kj_sockets_connected');
    expect(all).toContain('rate(kj_deliveries_total');
    expect(all).toMatch(/histogram_quantile\(0\.99, .*kj_ack_latency_seconds_bucket/);
    expect(all).toMatch(/histogram_quantile\(0\.99, .*kj_event_loop_delay_seconds_bucket/);
    for (const metric of [
      'kj_socket_events_out_total',
      'kj_slow_consumer_cuts_total',
      'kj_rate_limit_refusals_total',
      'kj_log_lines_dropped_total',
    ])
      expect(all).toContain(metric);
    const chat = dashboard.panels.filter((p) => p.title.startsWith('Chat'));
    expect(chat.map((p) => p.title)).toEqual([
      'Chat',
      'Chat messages sent per second',
      'Chat send latency p99',
      'Chat pushes per second by event',
      'Chat acknowledgements by outcome',
      'Chat refusals by limit',
    ]);
  });

  it('names only metrics, labels and values a running hub exports', () => {
    expect(panelExprs.length).toBeGreaterThan(20);
    expect(panelExprs.flatMap((expr) => problemsOf(expr, scrape).map((p) => `${p} in ${expr}`))).toEqual([]);
  });
});

describe('the Prometheus alert rules', () => {
  it('alert on a hub down, a slow event loop, Redis down and rising slow-consumer cuts', () => {
    const byName = new Map(rules.map((r) => [r.alert, r]));
    expect(byName.get('KongjianHubDown')?.expr).toMatch(/^up\{.*\} == 0$/);
    expect(byName.get('KongjianEventLoopSlow')?.expr).toMatch(/kj_event_loop_delay_seconds_bucket.*> 0\.1$/);
    expect(byName.get('KongjianRedisDown')?.expr).toContain('kj_redis_up');
    expect(byName.get('KongjianSlowConsumerCutsRising')?.expr).toContain('increase(kj_slow_consumer_cuts_total');
    for (const rule of rules) {
      expect(['critical', 'warning'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
    }
  });

  it('name only metrics and labels a running hub exports', () => {
    expect(rules.flatMap((rule) => problemsOf(rule.expr, scrape).map((p) => `${p} in ${rule.alert}`))).toEqual([]);
  });

  it('pass promtool check rules where Prometheus is installed', () => {
    const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
    if (found.status !== 0) return; // not installed here: the parse checks above still ran
    const check = spawnSync('promtool', ['check', 'rules', path.join(root, 'deploy/prometheus-alerts.yml')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });
});
