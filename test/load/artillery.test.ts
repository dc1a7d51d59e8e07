/**
 * The Artillery scenario (test/load/artillery.yml): its shape, its events, and a short run of it
 * against a real hub, seeded as the file says (one user per virtual user), read the way Artillery
 * reads it (artillery-runner.ts: Artillery itself is not installed). The ensure checks must pass
 * on that run and fail a run where every virtual user shares one token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scenarioPhases, seedArtilleryUsers, usersCsv, virtualUsersOf } from '../../scripts/loadtest/artillery-seed.js';
import { clientEventNames } from '../../shared/events.js';
import { useTestHub } from '../helpers/index.js';
import { runArtilleryScenario } from './artillery-runner.js';

const root = path.resolve(import.meta.dirname, '../..');
const yml = fs.readFileSync(path.join(root, 'test/load/artillery.yml'), 'utf8');

interface Step {
  emit?: { channel: string; acknowledge?: unknown };
}
const file = parse(yml) as {
  config: Record<string, unknown> & {
    socketio: { transports: string[]; auth: { token: string } };
    payload: { fields: string[]; order: string };
  };
  scenarios: Array<{ engine: string; flow: Step[] }>;
};

describe('the Artillery scenario (test/load/artillery.yml)', () => {
  it('has the sections Artillery needs, the socketio engine over websockets, the token from the seeded payload', () => {
    expect(Object.keys(file)).toEqual(['config', 'scenarios']);
    for (const key of ['target', 'phases', 'socketio', 'payload']) expect(file.config).toHaveProperty(key);
    expect(file.scenarios[0]!.engine).toBe('socketio');
    expect(file.config.socketio.transports).toEqual(['websocket']);
    expect(file.config.socketio.auth.token).toBe('{{ token }}');
    expect(file.config.payload.order).toBe('sequence');
    expect(file.config.payload.fields).toEqual(['token', 'handle', 'visit']);
    // The ensure checks count only with the plugin on.
    expect(file.config).toHaveProperty('plugins.ensure');
  });

  it('seeds as many users as the phases start virtual users (3,875)', () => {
    expect(virtualUsersOf(scenarioPhases(yml))).toBe(3875);
  });

  it('emits only client → server events of shared/events.ts, each with an acknowledgement', () => {
    const clientEvents = new Set<string>(clientEventNames);
    const emits = file.scenarios[0]!.flow.flatMap((s) => (s.emit ? [s.emit] : []));
    expect(emits.length).toBeGreaterThan(0);
    for (const e of emits) {
      expect(clientEvents, `unknown event ${e.channel}`).toContain(e.channel);
      expect(e.acknowledge).toBeDefined();
    }
  });

  describe('a short run against a hub', () => {
    const hub = useTestHub();
    // 20 virtual users arriving within a second, each thinking 5 s: all 20 are connected at once.
    const short = { phases: [{ duration: 1, arrivalRate: 20 }], thinkScale: 0.2 };
    // The latency threshold is the file's target for a real run, not something a shared test box judges.
    const judged = (failures: readonly string[]) => failures.filter((f) => !f.startsWith('socketio.response_time'));

    it('passes its ensure checks with one seeded user per virtual user', async () => {
      const users = await seedArtilleryUsers(hub.url, 20, 2);
      const rows = usersCsv(users)
        .trim()
        .split('\n')
        .map((l) => l.split(','));
      const run = await runArtilleryScenario(yml, { target: hub.realtimeUrl, rows, ...short });
      expect(run.errors).toEqual({});
      expect(run.metrics['vusers.created']).toBe(20);
      expect(run.metrics['vusers.completed']).toBe(20);
      expect(run.metrics['socketio.emit']).toBe(20 * 4);
      expect(run.metrics['socketio.response_time.p99']).toBeGreaterThan(0);
      expect(run.ensureEnabled).toBe(true);
      expect(judged(run.ensureFailures)).toEqual([]);
    }, 60_000);

    it('fails its ensure checks when every virtual user shares one token (too_many_sockets)', async () => {
      const [user] = await seedArtilleryUsers(hub.url, 1, 2);
      const run = await runArtilleryScenario(yml, { target: hub.realtimeUrl, rows: [[user!.token, user!.handle, user!.handle]], ...short });
      // 16 sockets per user (SOCKETS_PER_USER): the other 4 are refused while the first are thinking.
      expect(run.errors).toEqual({ too_many_sockets: 4 });
      expect(run.metrics['vusers.completed']).toBe(16);
      expect(judged(run.ensureFailures)).toEqual(['vusers.failed == 0']);
    }, 60_000);
  });
});
