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
    await expect(work.upload('u1', () => Promise.resolve('x'))).rejects.toMatchObject({ code: 'rate_limited' });
    expect(await work.upload('u2', () => Promise.resolve('other user'))).toBe('other user');
    a.finish();
    await first;
    expect(await work.upload('u1', () => Promise.resolve('again'))).toBe('again');
    b.finish();
    await second;
  });

  it('runs one job at a time in arrival order, queues a bounded number and refuses the rest with 503', async () => {
    const work = createImageWork({ concurrency: 1, maxWaiting: 2, perUser: 10 });
    const order: string[] = [];
    const g = gate();
    const running = work.process('u1', async () => {
      order.push('first');
      await g.run();
    });
    const queued = ['second', 'third'].map((name) => work.process('u1', () => Promise.resolve(void order.push(name))));
    await expect(work.process('u1', () => Promise.resolve('late'))).rejects.toMatchObject({ code: 'unavailable' });
    expect(order).toEqual(['first']);
    g.finish();
    await Promise.all([running, ...queued]);
    expect(order).toEqual(['first', 'second', 'third']);
    // Everything released: a new job runs at once.
    expect(await work.process('u1', () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('a failing job gives its turn to the next one', async () => {
    const work = createImageWork({ concurrency: 1, maxWaiting: 2, perUser: 10 });
    await expect(work.process('u1', () => Promise.reject(new Error('bad image')))).rejects.toThrow('bad image');
    expect(await work.process('u1', () => Promise.resolve('next'))).toBe('next');
  });

  it('takes turns between users, and one user cannot fill the queue: a newcomer takes the place of their newest job', async () => {
    const work = createImageWork({ concurrency: 1, maxWaiting: 4, perUser: 100 });
    const order: string[] = [];
    const g = gate();
    const running = work.process('hog', async () => {
      order.push('hog-0');
      await g.run();
    });
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'done',
        (err: { code: string }) => err.code,
      );
    // The hog queues 6 more: 4 wait, 2 are refused.
    const hogs = [1, 2, 3, 4, 5, 6].map((i) => outcome(work.process('hog', () => Promise.resolve(void order.push(`hog-${i}`)))));
    // Three other users arrive at the full queue: each takes the place of the hog's newest waiting job.
    const others = ['ann', 'bob', 'cat'].map((u) => outcome(work.process(u, () => Promise.resolve(void order.push(u)))));
    // Now every user waiting has one job: a fourth newcomer is refused (taking a place would not be fairer).
    const late = outcome(work.process('dan', () => Promise.resolve(void order.push('dan'))));
    g.finish();
    await running;
    expect(await Promise.all(others)).toEqual(['done', 'done', 'done']);
    expect(await Promise.all(hogs)).toEqual(['done', 'unavailable', 'unavailable', 'unavailable', 'unavailable', 'unavailable']);
    expect(await late).toBe('unavailable');
    expect(order).toEqual(['hog-0', 'hog-1', 'ann', 'bob', 'cat']);
  });

  it('turns go round the users waiting, one job each per round', async () => {
    const work = createImageWork({ concurrency: 1, maxWaiting: 8, perUser: 100 });
    const order: string[] = [];
    const g = gate();
    const running = work.process('x', g.run);
    const jobs = ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'].map((name) => work.process(name[0]!, () => Promise.resolve(void order.push(name))));
    g.finish();
    await Promise.all([running, ...jobs]);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });
});
