/**
 * deploy/grafana-dashboard.json and deploy/prometheus-alerts.yml: they parse, and every metric they
 * name is one the hub exports (server/metrics.ts, or prom-client's defaults under the kj_ prefix), so
 * a renamed metric cannot leave a dashboard panel empty or an alert silent. `promtool check rules`
 * runs too where Prometheus's tool is installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createRateLimits } from '../../server/rate-limits.js';

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

/** Every metric name the hub exports: declared in server/metrics.ts, plus prom-client's defaults. */
function exportedMetrics(): Set<string> {
  const names = new Set([...read('server/metrics.ts').matchAll(/name: '(kj_[a-z0-9_]+)'/g)].map((m) => m[1]!));
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults, prefix: 'kj_' });
  for (const metric of defaults.getMetricsAsArray()) names.add(metric.name);
  return names;
}

function namedMetrics(expr: string): string[] {
  return [...expr.matchAll(/\b(kj_[a-z0-9_]+)/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''));
}

describe('the Grafana dashboard', () => {
  it('has the four panels the README names, and the delivery ones', () => {
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
  });

  it('names only metrics the hub exports', () => {
    const exported = exportedMetrics();
    for (const expr of panelExprs) for (const name of namedMetrics(expr)) expect(exported, `${name} in ${expr}`).toContain(name);
    expect(panelExprs.length).toBeGreaterThan(10);
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

  it('name only metrics the hub exports', () => {
    const exported = exportedMetrics();
    for (const rule of rules) for (const name of namedMetrics(rule.expr)) expect(exported, `${name} in ${rule.alert}`).toContain(name);
  });

  it('pass promtool check rules where Prometheus is installed', () => {
    const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
    if (found.status !== 0) return; // not installed here: the parse checks above still ran
    const check = spawnSync('promtool', ['check', 'rules', path.join(root, 'deploy/prometheus-alerts.yml')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('SUCCESS');
    expect(check.status).toBe(0);
  });
});

describe('rate-limit refusals are counted by limit', () => {
  it('a spent budget reports its rule name to the counter', async () => {
    const refused: string[] = [];
    const limits = createRateLimits(undefined, 'kj', 1, (rule) => refused.push(rule));
    const rule = { name: 'test-writes', points: 1, perSeconds: 60 };
    await limits.consume(rule, 'user-1');
    await expect(limits.consume(rule, 'user-1')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(refused).toEqual(['test-writes']);
  });
});
