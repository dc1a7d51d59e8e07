/**
 * A smoke test of the chat scenario of the load tester: pairs of friends on two devices each
 * exchange `chat:send` messages; every device of both people gets every message once, by `seq`.
 */
import { describe, expect, it } from 'vitest';
import { runChatLoadTest } from '../../scripts/loadtest/index.js';
import { parseArgs } from '../../scripts/loadtest/options.js';

describe('npm run loadtest -- --scenario chat', () => {
  it('parses its options', () => {
    expect(parseArgs(['--scenario', 'chat', '--message-rate', '30', '--devices', '3'])).toMatchObject({
      scenario: 'chat',
      messageRate: 30,
      devices: 3,
    });
    expect(() => parseArgs(['--scenario', 'chat', '--idle'])).toThrow(/--scenario chat/);
  });

  it('delivers every acknowledged message to every device of both people once, and times it', async () => {
    const summary = await runChatLoadTest({ users: 8, messageRate: 8, duration: 2, drain: 5, sourceIps: 2, verbose: false });
    expect(summary.sockets).toBe(16);
    expect(summary.acked).toBe(summary.sent);
    expect(summary.acked).toBeGreaterThan(5);
    expect(summary.rejected).toEqual({});
    expect(summary.expected).toBe(summary.acked * 4);
    expect(summary.delivered).toBe(summary.expected);
    expect(summary.missing).toBe(0);
    expect(summary.duplicates).toBe(0);
    expect(summary.unexpected).toBe(0);
    expect(summary.ackLatencyMs.count).toBe(summary.sent);
    // Timed on the peer's two devices.
    expect(summary.deliveryLatencyMs.count).toBe(summary.acked * 2);
    expect(summary.deliveryLatencyMs.p50).toBeGreaterThan(0);
    expect(summary.hubCpu.msPerKMessages).toBeGreaterThan(0);
  }, 90_000);
});
