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
  const res = await apiClient(hub.url).post('/auth/register', {
    handle,
    password: 'correct horse battery',
    displayName: displayName ?? stem,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const { user, token } = res.body as { user: MeDto; token: string };
  return { user, id: user.id, handle, token, api: apiClient(hub.url, token) };
}

export async function registerUsers(hub: HubLike, stems: readonly string[]): Promise<TestUser[]> {
  return Promise.all(stems.map((s) => registerUser(hub, s)));
}

/** Makes `a` and `b` friends through the friend-request API. */
export async function makeFriends(a: TestUser, b: TestUser): Promise<void> {
  const req = await a.api.post('/friends/requests', { to: b.handle });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  const acc = await b.api.post(`/friends/requests/${req.body.request.id}/accept`);
  expect(acc.status, JSON.stringify(acc.body)).toBe(200);
}

export const userRef = (u: TestUser): UserDto => ({ id: u.id, handle: u.handle, displayName: u.user.displayName, tier: u.user.tier });
