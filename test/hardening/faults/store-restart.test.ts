/**
 * The store process dies (SIGKILL) under load and comes back on the same port and directory.
 * During the outage every request answers 503 `unavailable` promptly (never 500, never a hang);
 * health says 503 naming the store; afterwards everything works and nothing acknowledged is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../../scripts/cluster/start-cluster.js';
import { pause, registerUser, waitFor, type TestUser } from '../../helpers/index.js';
import { healthBecomes, timed, type TimedAnswer } from '../helpers/faults.js';

describe('store restart under load', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  let alice: TestUser;
  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1, env: { RATE_LIMIT_SCALE: '1000' } });
    alice = await registerUser(cluster.nodes[0]!, 'alice');
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('answers 503 unavailable within 6 s during the outage, and works again after', async () => {
    const node = cluster.nodes[0]!;
    const acknowledged: string[] = [];
    const answers: TimedAnswer[] = [];
    let phase: 'before' | 'outage' | 'after' = 'before';
    const outageAnswers: TimedAnswer[] = [];
    let stop = false;

    // Eight clients write and read in a loop through the whole fault.
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, lane) => {
        for (let i = 0; !stop; i += 1) {
          const res =
            i % 2 === 0
              ? await timed(() => alice.api.post('/posts', { kind: 'shuoshuo', text: `lane ${lane} #${i}`, privacy: 'public' }))
              : await timed(() => alice.api.get('/feed?limit=5'));
          answers.push(res);
          if (phase === 'outage') outageAnswers.push(res);
          if (res.status === 201) acknowledged.push(res.body.post.id as string);
          if (res.status >= 500) await pause(50); // a client backs off a little
        }
      }),
    );

    await waitFor(() => acknowledged.length > 0, { timeoutMs: 10_000, what: 'the load running' });
    phase = 'outage';
    await cluster.stopStore('SIGKILL');
    expect(await healthBecomes(node.url, 503, 10_000)).toMatchObject({ ok: false, store: 'down' });
    await pause(5_000); // let the load meet the outage for a while
    await cluster.startStore();
    phase = 'after';
    expect(await healthBecomes(node.url, 200, 20_000)).toMatchObject({ ok: true, store: 'up' });
    // Traffic succeeds again.
    const recovered = () => answers.slice(-16).every((a) => a.status < 300);
    await waitFor(recovered, { timeoutMs: 10_000, intervalMs: 100 }).catch(() => false); // judged below, with the summary
    stop = true;
    await load;

    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    const summary = JSON.stringify(Object.fromEntries(statuses));
    const slowest = Math.max(...answers.map((a) => a.ms));
    console.info(
      `store restart: ${answers.length} requests (${outageAnswers.length} during the outage), by status ${summary}, slowest ${slowest} ms, ${acknowledged.length} posts acknowledged`,
    );

    const failed = answers.filter((a) => a.status >= 300);
    expect(failed.length, 'the outage was met by the load').toBeGreaterThan(0);
    for (const a of failed) {
      expect(a.status, `${a.status} ${JSON.stringify(a.body).slice(0, 200)}`).toBe(503);
      expect(a.body.error.code).toBe('unavailable');
    }
    expect(slowest, 'slowest answer (ms)').toBeLessThan(6_000);
    expect(
      answers.slice(-16).every((a) => a.status < 300),
      'requests succeed after the restart',
    ).toBe(true);

    // Every acknowledged post is there after the restart.
    for (const id of acknowledged) expect((await alice.api.get(`/posts/${id}`)).status, id).toBe(200);
  });
});
