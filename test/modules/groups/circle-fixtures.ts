/**
 * The people around a group-limited post: its author; a friend in the chosen group (member); a
 * friend outside it (outsider); a friend the author hides posts from (excepted); a stranger; a
 * former friend the author blocked (blocked); the hub's moderator (a stranger to the author); and
 * an anonymous visitor. Who may see what, per privacy, is spelled out in `mayView`.
 */
import { expect } from 'vitest';
import type { GroupDto, PostDto, Privacy } from '../../../shared/dto.js';
import { apiClient, makeFriends, registerUser, type ApiClient, type TestUser } from '../../helpers/index.js';

export const viewers = ['author', 'member', 'outsider', 'excepted', 'stranger', 'blocked', 'moderator', 'anonymous'] as const;
export type CircleViewer = (typeof viewers)[number];

/** The audiences the matrix covers: a group post, a friends post with an exception, and the friends post both are measured against. */
export type CircleAudience = 'groups' | 'except' | 'friends';

export const mayView: Readonly<Record<CircleAudience, readonly CircleViewer[]>> = {
  groups: ['author', 'member'],
  except: ['author', 'member', 'outsider'],
  friends: ['author', 'member', 'outsider', 'excepted'],
};

export interface Circle {
  readonly people: Readonly<Record<Exclude<CircleViewer, 'anonymous'>, TestUser>>;
  readonly apis: Readonly<Record<CircleViewer, ApiClient>>;
  readonly group: GroupDto;
}

/** Builds the circle on a fresh hub (the moderator must be its first account). */
export async function buildCircle(hub: { readonly url: string }): Promise<Circle> {
  const moderator = await registerUser(hub, 'moderator');
  const [author, member, outsider, excepted, stranger, blocked] = await Promise.all(
    ['author', 'member', 'outsider', 'excepted', 'stranger', 'blocked'].map((stem) => registerUser(hub, stem)),
  );
  for (const friend of [member!, outsider!, excepted!, blocked!]) await makeFriends(author!, friend);
  expect((await author!.api.send('PUT /blocks/:handle', { params: { handle: blocked!.handle } })).status).toBe(204);
  const created = await author!.api.send('POST /groups', { body: { name: 'Family' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const patched = await author!.api.send('PATCH /groups/:id', {
    params: { id: created.body.group.id },
    body: { members: [member!.handle] },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const people = {
    author: author!,
    member: member!,
    outsider: outsider!,
    excepted: excepted!,
    stranger: stranger!,
    blocked: blocked!,
    moderator,
  };
  const apis = { ...Object.fromEntries(Object.entries(people).map(([k, u]) => [k, u.api])), anonymous: apiClient(hub.url) } as Record<
    CircleViewer,
    ApiClient
  >;
  return { people, apis, group: patched.body.group };
}

/** The body of a post (or album) limited to `audience` in `circle`. */
/** Who an item is for, as the REST bodies take it: a privacy, with the groups it goes to or the friends left out. */
export interface AudienceBody {
  readonly privacy: Privacy;
  readonly groups?: readonly string[];
  readonly except?: readonly string[];
}

export function audienceBody(circle: Circle, audience: CircleAudience): AudienceBody {
  if (audience === 'groups') return { privacy: 'groups', groups: [circle.group.id] };
  if (audience === 'except') return { privacy: 'friends', except: [circle.people.excepted.handle] };
  return { privacy: 'friends' };
}

/** A shuoshuo by the circle's author for `audience`, asserted created. */
export async function circlePost(circle: Circle, audience: CircleAudience, text: string): Promise<PostDto> {
  const res = await circle.people.author.api.send('POST /posts', { body: { kind: 'shuoshuo', text, ...audienceBody(circle, audience) } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.post;
}
