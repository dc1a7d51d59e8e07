/**
 * The REST authorization matrix: every endpoint × privacy level and moderation state × viewer role
 * (owner, friend, ex-friend, stranger, anonymous, moderator). Rows live in read-rows.ts and
 * write-rows.ts; a mounted endpoint that no row covers fails the coverage check, so a new endpoint
 * shows up here as an uncovered row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../helpers/index.js';
import { buildCast, type Cast } from '../helpers/cast.js';
import { readRows } from './read-rows.js';
import { writeRows } from './write-rows.js';
import { socialRows } from './social-rows.js';
import { chatRows } from './chat-rows.js';
import { circleRows } from './circle-rows.js';

describe('authorization matrix over REST', () => {
  let hub: TestHub;
  let cast: Cast;
  beforeAll(async () => {
    hub = await startTestHub();
    cast = await buildCast(hub);
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('covers every mounted endpoint', () => {
    const covered = new Set([...readRows, ...writeRows, ...socialRows, ...chatRows, ...circleRows].flatMap((r) => r.covers));
    const mounted = hub.routes.map((r) => `${r.method} ${r.path}`);
    expect(
      mounted.filter((m) => !covered.has(m)),
      'endpoints no matrix row covers',
    ).toEqual([]);
    expect(
      [...covered].filter((m) => !mounted.includes(m)),
      'rows naming endpoints that are not mounted',
    ).toEqual([]);
  });

  // Reads first, while every fixture item is as built; writes after (they leave extra comments).
  it.each([...readRows, ...writeRows, ...socialRows, ...chatRows, ...circleRows].map((r) => [r.name, r] as const))(
    '%s',
    async (_name, row) => {
      await row.run(cast, hub);
    },
  );
});
