/** Small helpers shared by the posts tests. */
import { expect } from 'vitest';
import type { PostDto, Privacy } from '../../../shared/dto.js';
import { connectSocket, type TestSocket, type TestUser } from '../../helpers/index.js';

let n = 0;

/** A shuoshuo by `user` with `privacy`, asserted created; returns its DTO. */
export async function shuoshuo(user: TestUser, privacy: Privacy = 'public', text?: string): Promise<PostDto> {
  n += 1;
  const res = await user.api.send('POST /posts', {
    body: { kind: 'shuoshuo', text: text ?? `${user.handle} says ${privacy} #${n}`, privacy },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.post;
}

export const ids = (posts: readonly { id: string }[]): string[] => posts.map((p) => p.id);

/** Every post id of a paged list, following `next` to the end. */
export async function allPages(user: { api: TestUser['api'] }, path: string, limit = 50, from: string | null = null): Promise<string[]> {
  const out: string[] = [];
  let before = from;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await user.api.get(`${path}${sep}limit=${limit}${before ? `&before=${before}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...ids(res.body.posts));
    before = res.body.next;
    if (!before) return out;
  }
  throw new Error('too many pages');
}

/** One connected socket per user, in order. */
export function connectAll<const T extends readonly TestUser[]>(
  hub: { readonly realtimeUrl: string },
  users: T,
): Promise<{ [K in keyof T]: TestSocket }> {
  return Promise.all(users.map((u) => connectSocket(hub, u.token))) as Promise<{ [K in keyof T]: TestSocket }>;
}
