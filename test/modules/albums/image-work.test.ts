import { describe, expect, it } from 'vitest';
import { createImageWork } from '../../../server/modules/albums/image-work.js';

/** A job that runs until `finish` is called. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, run: () => done };
}

describe('image work limits', () => {
  it('a user may have 2 uploads in flight; the third is refused 429 and a finished one frees a place', async () => {
    const work = createImageWork({ concurrency: 1, maxWaiting: 8, perUser: 2 });
    const [a, b] = [gate(), gate()];
    const first = work.upload('u1', a.run);
    const second = work.upload('u1', b.run);
    await expect(work.upload('u1', async () => 'x')).rejects.toMatchObject({ code: 'rate_limited' });
    expect(await work.upload('u2', async () => 'other user')).toBe('other user');
    a.finish();
    await first;
    expect(await work.upload('u1', async () => 'again')).toBe('again');
    b.finish();
    await second;
  });

  it('runs one job at a time in arrival order, queues a bounded number and refuses the rest with 503', async () => {
    const work = createImageWork({ concurrency: 1, maxWaiting: 2, perUser: 10 });
    const order: string[] = [];
    const g = gate();
    const running = work.process(async () => {
      order.push('first');
      await g.run();
    });
    const queued = ['second', 'third'].map((name) => work.process(async () => void order.push(name)));
    await expect(work.process(async () => 'late')).rejects.toMatchObject({ code: 'unavailable' });
    expect(order).toEqual(['first']);
    g.finish();
    await Promise.all([running, ...queued]);
    expect(order).toEqual(['first', 'second', 'third']);
    // Everything released: a new job runs at once.
    expect(await work.process(async () => 'fresh')).toBe('fresh');
  });

  it('a failing job gives its turn to the next one', async () => {
    const work = createImageWork({ concurrency: 1, maxWaiting: 2, perUser: 10 });
    await expect(work.process(async () => Promise.reject(new Error('bad image')))).rejects.toThrow('bad image');
    expect(await work.process(async () => 'next')).toBe('next');
  });
});
