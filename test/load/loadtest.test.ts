/**
 * A smoke test of the load tester itself: a small run against a hub it starts (bulk-seeded, its
 * own process) must see every friend get every post once, and nobody else get it.
 */
import { describe, expect, it } from 'vitest';
import { runLoadTest } from '../../scripts/loadtest/index.js';
import { renderReport } from '../../scripts/loadtest/report.js';

describe('npm run loadtest', () => {
  it('delivers every post to every connected friend exactly once, and times it', async () => {
    const summary = await runLoadTest({
      users: 20,
      friends: 4,
      postRate: 10,
      duration: 3,
      drain: 3,
      workers: 2,
      sourceIps: 2,
      verbose: false,
    });
    expect(summary.connected).toBe(20);
    expect(summary.connectFailures).toBe(0);
    expect(summary.posts.acked).toBeGreaterThan(10);
    expect(summary.deliveries).toBe(summary.posts.acked * 4);
    expect(summary.expected).toBe(summary.deliveries);
    expect(summary.missing).toBe(0);
    expect(summary.duplicates).toBe(0);
    expect(summary.unexpected).toBe(0);
    for (const v of [summary.latencyMs.p50, summary.latencyMs.p95, summary.latencyMs.p99, summary.latencyMs.max]) {
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(summary.latencyMs.count).toBe(summary.deliveries);
    expect(summary.fromSendLatencyMs.p99).toBeGreaterThan(0);
    expect(summary.serverRssBytes).toBeGreaterThan(0);
    expect(summary.timeline.length).toBeGreaterThan(3);

    const html = renderReport(summary);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
  }, 90_000);

  it('celebrity: every fan gets every post of the certified space once, with the hub CPU read from the hub', async () => {
    const summary = await runLoadTest({
      scenario: 'celebrity',
      users: 30,
      friends: 0,
      posts: 5,
      drain: 3,
      workers: 2,
      sourceIps: 2,
      verbose: false,
    });
    expect(summary.connected).toBe(30);
    expect(summary.posts.acked).toBe(5);
    // Everyone but the space itself is a fan, online.
    expect(summary.deliveries).toBe(5 * 29);
    expect(summary.expected).toBe(summary.deliveries);
    expect(summary.missing).toBe(0);
    expect(summary.duplicates).toBe(0);
    expect(summary.fanoutMs.count).toBe(5);
    expect(summary.fanoutMs.p50).toBeGreaterThan(0);
    expect(summary.hubCpu.loadMs).toBeGreaterThan(0);
    expect(summary.hubCpuMsPerKDelivery).toBeGreaterThan(0);
    // The kernel's share is read apart from the rest, and is part of it.
    expect(summary.hubCpu.systemMsPerKDelivery).toBeGreaterThanOrEqual(0);
    expect(summary.hubCpu.systemMsPerKDelivery!).toBeLessThanOrEqual(summary.hubCpuMsPerKDelivery!);
    expect(summary.hubCpu.msPerKConnect).toBeGreaterThan(0);
  }, 90_000);
});
