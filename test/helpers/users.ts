/** Users for tests: registered through the real API, with a ready client. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { MeDto, UserDto } from '../../shared/dto.js';
import { apiClient, type ApiClient } from './api.js';

export interface TestUser {
  readonly user: MeDto;
  readonly id: string;
  readonly handle: string;
  readonly token: string;
  /** Signed in as this user: typed calls by route (`api.call('GET /posts/:id', { params: { id } })`) and path-based ones. */
  readonly api: ApiClient;
}

interface HubLike {
  readonly url: string;
}

let counter = 0;

/** A fresh unique handle with a readable stem, e.g. `alice_3f9a_1`. */
export function uniqueHandle(stem = 'user'): string {
  counter += 1;
  return `${stem}_${randomBytes(3).toString('hex')}_${counter}`.slice(0, 32);
}

export async function registerUser(hub: HubLike, stem = 'user', displayName?: string): Promise<TestUser> {
  const handle = uniqueHandle(stem);
  const res = await apiClient(hub.url).request('POST /auth/register', {
    body: { handle, password: 'correct horse battery', displayName: displayName ?? stem },
  });
  if (!res.ok) expect.fail(`register ${handle}: ${res.status} ${JSON.stringify(res.error)}`);
  expect(res.status).toBe(201);
  const { user, token } = res.body;
  return { user, id: user.id, handle, token, api: apiClient(hub.url, token) };
}

export async function registerUsers(hub: HubLike, stems: readonly string[]): Promise<TestUser[]> {
  return Promise.all(stems.map((s) => registerUser(hub, s)));
}

/** Makes `a` and `b` friends through the friend-request API. */
export async function makeFriends(a: TestUser, b: TestUser): Promise<void> {
  const { request } = await a.api.call('POST /friends/requests', { body: { to: b.handle } });
  await b.api.call('POST /friends/requests/:id/accept', { params: { id: request.id } });
}

export const userRef = (u: TestUser): UserDto => ({ id: u.id, handle: u.handle, displayName: u.user.displayName, tier: u.user.tier });
