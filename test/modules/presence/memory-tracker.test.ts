/** The single-node presence tracker: several sockets count as one user, online from the first to the last. */
import { describe, expect, it } from 'vitest';
import { createMemoryTracker } from '../../../server/modules/presence/tracker.js';

describe('the in-memory presence tracker', () => {
  it('is online from the first socket to the last, however many come and go between', async () => {
    const tracker = createMemoryTracker();
    expect(await tracker.connect('u1', 's1')).toBe(true);
    expect(await tracker.connect('u1', 's2')).toBe(false);
    expect(await tracker.connect('u1', 's3')).toBe(false);
    expect(await tracker.disconnect('u1', 's2')).toBe(false);
    expect(await tracker.disconnect('u1', 's1')).toBe(false);
    expect(await tracker.onlineAmong(['u1', 'u2'])).toEqual(['u1']);
    expect(await tracker.connect('u1', 's4')).toBe(false);
    expect(await tracker.disconnect('u1', 's3')).toBe(false);
    expect(await tracker.disconnect('u1', 's4')).toBe(true);
    expect(await tracker.onlineAmong(['u1'])).toEqual([]);
  });

  it('ignores a socket it does not hold, and counts the same socket once', async () => {
    const tracker = createMemoryTracker();
    expect(await tracker.disconnect('u1', 's1')).toBe(false);
    expect(await tracker.connect('u1', 's1')).toBe(true);
    expect(await tracker.connect('u1', 's1')).toBe(false);
    expect(await tracker.disconnect('u1', 'other')).toBe(false);
    expect(await tracker.onlineAmong(['u1'])).toEqual(['u1']);
    expect(await tracker.disconnect('u1', 's1')).toBe(true);
    expect(await tracker.disconnect('u1', 's1')).toBe(false);
  });

  it('keeps users apart', async () => {
    const tracker = createMemoryTracker();
    await tracker.connect('u1', 's1');
    await tracker.connect('u2', 's2');
    await tracker.connect('u2', 's3');
    expect(await tracker.disconnect('u2', 's2')).toBe(false);
    expect((await tracker.onlineAmong(['u1', 'u2', 'u3'])).sort()).toEqual(['u1', 'u2']);
    expect(await tracker.disconnect('u1', 's1')).toBe(true);
    expect(await tracker.onlineAmong(['u1', 'u2'])).toEqual(['u2']);
  });
});
