/**
 * The cast of the authorization matrix: one space owner and everyone who may look at it — a friend,
 * an ex-friend (friends once, then unfriended), a stranger, an anonymous visitor and a moderator —
 * plus the owner's items at every privacy level and moderation state.
 */
import { expect } from 'vitest';
import type { Privacy } from '../../../shared/dto.js';
import { noisePng, uploadPhoto } from '../../fixtures/images.js';
import {
  apiClient,
  makeFriends,
  registerUser,
  type ApiAnswer,
  type ApiClient,
  type TestUser,
  type UntypedJson,
} from '../../helpers/index.js';

export const roles = ['owner', 'friend', 'exFriend', 'stranger', 'anonymous', 'moderator'] as const;
export type Role = (typeof roles)[number];
export const signedIn = roles.filter((r) => r !== 'anonymous');

/** Post states the matrix covers: the three privacy levels, and public posts held or in review. */
export const postStates = ['public', 'friends', 'private', 'held', 'review'] as const;
export type PostState = (typeof postStates)[number];

/** Who may see an item in each state (the visibility rule, spelled out per role). */
export const mayView: Readonly<Record<PostState, readonly Role[]>> = {
  public: roles,
  friends: ['owner', 'friend'],
  private: ['owner'],
  held: ['owner'],
  review: ['owner'],
};
export const privacies = ['public', 'friends', 'private'] as const satisfies readonly Privacy[];

/** Words the moderator's keyword rules hold or send to review (unique to this file's hub). */
export const holdWord = 'zzqholdword';
export const reviewWord = 'zzqreviewword';

/** An id that never names anything, in the same shape as real ones. */
export const missingId = 'ffffffffffffffffffffffff';

export interface Actor {
  readonly role: Role;
  readonly api: ApiClient;
  readonly user?: TestUser;
}

export interface Cast {
  readonly actors: Readonly<Record<Role, Actor>>;
  readonly owner: TestUser;
  readonly friend: TestUser;
  readonly exFriend: TestUser;
  readonly stranger: TestUser;
  readonly moderator: TestUser;
  /** The owner's posts, one per state, each with one published comment by the owner. */
  readonly posts: Readonly<Record<PostState, string>>;
  readonly ownerComments: Readonly<Record<PostState, string>>;
  /** On the public post: the friend's held and in-review comments, and the friend's published one. */
  readonly heldComment: string;
  readonly reviewComment: string;
  readonly friendComment: string;
  readonly albums: Readonly<Record<Privacy, string>>;
  /** One photo per album: its id and the (possibly signed) URL the owner's DTO carried. */
  readonly photos: Readonly<Record<Privacy, { id: string; url: string }>>;
  /** The stranger's entries in the owner's guestbook. */
  readonly guestbook: { readonly publicEntry: string; readonly privateEntry: string };
  /** The stranger's pending friend request to the owner. */
  readonly friendRequest: string;
  /** The owner's pending invite to the friend, and the match of an accepted one. */
  readonly invite: string;
  readonly match: string;
}

export async function ok(res: Promise<ApiAnswer> | ApiAnswer, status: number, label = ''): Promise<UntypedJson> {
  const r = await res;
  expect(r.status, `${label} ${JSON.stringify(r.body).slice(0, 300)}`).toBe(status);
  return r.body;
}

/** Builds the cast on `hub`. The moderator must be the first account the hub ever registered. */
export async function buildCast(hub: { readonly url: string }): Promise<Cast> {
  const moderator = await registerUser(hub, 'moderator');
  const [owner, friend, exFriend, stranger] = await Promise.all(
    ['owner', 'friend', 'exfriend', 'stranger'].map((s) => registerUser(hub, s)),
  );
  await ok(moderator.api.post('/moderation/rules', { pattern: holdWord, action: 'hold' }), 201, 'hold rule');
  await ok(moderator.api.post('/moderation/rules', { pattern: reviewWord, action: 'review' }), 201, 'review rule');
  await makeFriends(owner!, friend!);
  await makeFriends(exFriend!, owner!);
  await ok(exFriend!.api.delete(`/friends/${owner!.handle}`), 204, 'unfriend');

  const posts = {} as Record<PostState, string>;
  const ownerComments = {} as Record<PostState, string>;
  for (const state of postStates) {
    const privacy = state === 'held' || state === 'review' ? 'public' : state;
    const word = state === 'held' ? holdWord : state === 'review' ? reviewWord : '';
    const made = await ok(
      owner!.api.post('/posts', { kind: 'shuoshuo', text: `secret ${state} post ${word}`, privacy }),
      state === 'held' ? 202 : 201,
      state,
    );
    expect(made.post.status ?? 'published').toBe(state === 'held' || state === 'review' ? state : 'published');
    posts[state] = made.post.id;
    ownerComments[state] = (
      await ok(owner!.api.post(`/posts/${made.post.id}/comments`, { text: `owner remark on ${state}` }), 201)
    ).comment.id;
  }
  const heldComment = (await ok(friend!.api.post(`/posts/${posts.public}/comments`, { text: `hidden remark ${holdWord}` }), 202)).comment
    .id;
  const reviewComment = (await ok(friend!.api.post(`/posts/${posts.public}/comments`, { text: `previewed remark ${reviewWord}` }), 201))
    .comment.id;
  const friendComment = (await ok(friend!.api.post(`/posts/${posts.public}/comments`, { text: 'friendly remark' }), 201)).comment.id;

  const albums = {} as Record<Privacy, string>;
  const photos = {} as Record<Privacy, { id: string; url: string }>;
  for (const [i, privacy] of privacies.entries()) {
    albums[privacy] = (await ok(owner!.api.post('/albums', { title: `${privacy} album`, privacy }), 201, 'album')).album.id;
    const up = await uploadPhoto(hub.url, owner!.token, albums[privacy], await noisePng(16, 16, i + 7));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    photos[privacy] = { id: up.body.photo.id, url: up.body.photo.url };
  }

  const publicEntry = (await ok(stranger!.api.post(`/spaces/${owner!.handle}/guestbook`, { text: 'hello from afar' }), 201)).entry.id;
  const privateEntry = (await ok(stranger!.api.post(`/spaces/${owner!.handle}/guestbook`, { text: 'a secret note', private: true }), 201))
    .entry.id;
  const friendRequest = (await ok(stranger!.api.post('/friends/requests', { to: owner!.handle }), 201)).request.id;

  const played = (await ok(owner!.api.post('/invites', { to: friend!.handle, game: 'gomoku' }), 201)).invite.id;
  const match = (await ok(friend!.api.post(`/invites/${played}/accept`), 200)).match.id;
  const invite = (await ok(owner!.api.post('/invites', { to: friend!.handle, game: 'gomoku' }), 201)).invite.id;

  const actors: Record<Role, Actor> = {
    owner: { role: 'owner', api: owner!.api, user: owner! },
    friend: { role: 'friend', api: friend!.api, user: friend! },
    exFriend: { role: 'exFriend', api: exFriend!.api, user: exFriend! },
    stranger: { role: 'stranger', api: stranger!.api, user: stranger! },
    anonymous: { role: 'anonymous', api: apiClient(hub.url) },
    moderator: { role: 'moderator', api: moderator.api, user: moderator },
  };
  return {
    actors,
    owner: owner!,
    friend: friend!,
    exFriend: exFriend!,
    stranger: stranger!,
    moderator,
    posts,
    ownerComments,
    heldComment,
    reviewComment,
    friendComment,
    albums,
    photos,
    guestbook: { publicEntry, privateEntry },
    friendRequest,
    invite,
    match,
  };
}

/**
 * Asserts `seen` answers exactly as `missing` (the same request naming nothing) does: a 404
 * `not_found` with the same body, so an item one may not see is indistinguishable from none.
 */
export function expectSameAsMissing(seen: ApiAnswer, missing: ApiAnswer, label: string): void {
  expect(seen.status, `${label}: ${JSON.stringify(seen.body).slice(0, 200)}`).toBe(404);
  expect(seen.body?.error?.code, label).toBe('not_found');
  expect(seen.body, `${label}: same body as a missing id`).toEqual(missing.body);
}

/** Calls `method path` as `api`, with a JSON body for writes. */
export function call(api: ApiClient, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  switch (method) {
    case 'get':
      return api.get(path);
    case 'post':
      return api.post(path, body ?? {});
    case 'put':
      return api.put(path, body ?? {});
    case 'patch':
      return api.patch(path, body ?? {});
    case 'delete':
      return api.delete(path);
    default:
      throw new Error(`no such method ${method}`);
  }
}

/** Calls the request twice — on the real id and on a missing one — and asserts they look alike. */
export async function expectHidden(api: ApiClient, method: string, path: string, id: string, body: unknown, label: string): Promise<void> {
  const [seen, missing] = await Promise.all([call(api, method, path, body), call(api, method, path.replace(id, missingId), body)]);
  expectSameAsMissing(seen, missing, `${label} ${method.toUpperCase()} ${path}`);
}
