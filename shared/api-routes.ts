/**
 * The REST contract as one table: each route's auth, input schemas and answer schema, keyed
 * `'METHOD /path'` (paths under /api, Express-style `:param`). Each feature's routes.ts is a table keyed
 * the same way (`defineEndpoints({ 'GET /posts/:id': { handler } })`, server/http/endpoint-table.ts), so a
 * handler whose result does not fit the answer fails to compile, and the typed client (api-client.ts) reads its types from it,
 * so a renamed field fails to compile in the server, the web client, the tests and the load tester.
 * test/http/api-routes.test.ts checks that the table and the mounted endpoints are the same set.
 */
import type { z } from 'zod';
import * as r from './schemas/dto/responses.js';
import { albumBody, albumMusicBody, photoCaptionBody, photoPageQuery } from './schemas/albums.js';
import { loginBody, registerBody } from './schemas/auth.js';
import { empty, handleParams, idParams } from './schemas/common.js';
import { friendRequestBody } from './schemas/friends.js';
import { groupCreateBody, groupPatchBody } from './schemas/groups.js';
import { inviteBody, matchPageQuery } from './schemas/games.js';
import { auditQuery, certifyBody, postIdParams, ruleBody, tierBody } from './schemas/moderation.js';
import { markReadBody, notificationListQuery, notificationSettingsBody } from './schemas/notifications.js';
import { commentParams, createCommentBody, createPostBody, editScheduledBody, likersQuery, postPageQuery } from './schemas/posts.js';
import { deleteAccountBody, passwordBody, profileBody, userSearchQuery } from './schemas/profile.js';
import { reportBody, repostBody, resolveReportBody } from './schemas/social.js';
import { chatReadBody, conversationListQuery, messageIdParams, messagePageQuery, sendMessageBody } from './schemas/chat.js';
import {
  guestbookBody,
  guestbookEntryParams,
  guestbookQuery,
  guestbookReplyBody,
  pendingParams,
  spacePatchBody,
  visitorsQuery,
} from './schemas/spaces.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the contract says of one route; the server adds its rate limit, status and handler. */
export interface RouteShape {
  /** true: a signed-in user (else 401); 'moderator': also a moderator (else 403); false: anyone. */
  readonly auth: boolean | 'moderator';
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body is multipart/form-data with one file in this field. */
  readonly upload?: { readonly field: string };
  /** The success answer's JSON body; none: the answer has no body (204). */
  readonly response?: z.ZodType;
}

type MethodOf<K> = K extends `${infer M extends HttpMethod} ${string}` ? M : never;
type PathOf<K> = K extends `${HttpMethod} ${infer P}` ? P : never;

/** A route's entry with its method (lower case, as Express names it) and path read from its key. */
export type RouteDeclaration<K extends string, S> = S & { readonly method: Lowercase<MethodOf<K>>; readonly path: PathOf<K> };

function routeTable<const T extends Record<`${HttpMethod} /${string}`, RouteShape>>(
  table: T,
): { readonly [K in keyof T & string]: RouteDeclaration<K, T[K]> } {
  return Object.fromEntries(
    Object.entries(table).map(([key, shape]) => {
      const [method, path] = key.split(' ') as [string, string];
      return [key, { ...shape, method: method.toLowerCase(), path }];
    }),
  ) as unknown as { readonly [K in keyof T & string]: RouteDeclaration<K, T[K]> };
}

export const apiRoutes = routeTable({
  // accounts: sign-up, sign-in, who am I
  'POST /auth/register': { auth: false, body: registerBody, response: r.auth },
  'POST /auth/login': { auth: false, body: loginBody, response: r.auth },
  'GET /me': { auth: true, response: r.meWithUnread },
  // one's own account: profile, password, sign-out, deletion
  'PATCH /me': { auth: true, body: profileBody, response: r.me },
  'POST /me/avatar': { auth: true, upload: { field: 'file' }, response: r.me },
  'POST /auth/password': { auth: true, body: passwordBody, response: r.token },
  'POST /auth/logout': { auth: true },
  'DELETE /me': { auth: true, body: deleteAccountBody },
  // spaces
  'PATCH /spaces/me': { auth: true, body: spacePatchBody, response: r.space },
  'POST /spaces/me/modules/restore': { auth: true, body: empty, response: r.space },
  'GET /spaces/:handle': { auth: false, params: handleParams, response: r.space },
  'POST /spaces/:handle/visit': { auth: true, params: handleParams },
  'GET /spaces/:handle/visitors': { auth: true, params: handleParams, query: visitorsQuery, response: r.visitors },
  'GET /spaces/:handle/guestbook': { auth: false, params: handleParams, query: guestbookQuery, response: r.guestbookPage },
  'POST /spaces/:handle/guestbook': { auth: true, params: handleParams, body: guestbookBody, response: r.guestbookEntry },
  'DELETE /spaces/:handle/guestbook/:id': { auth: true, params: guestbookEntryParams },
  // v1.2 circles: the owner's replies under guestbook entries, and what waits for the owner's approval
  'PUT /spaces/me/guestbook/:id/reply': { auth: true, params: idParams, body: guestbookReplyBody, response: r.guestbookEntry },
  'DELETE /spaces/me/guestbook/:id/reply': { auth: true, params: idParams },
  'GET /spaces/me/pending': { auth: true, response: r.pendingItems },
  'POST /spaces/me/pending/:kind/:id/approve': { auth: true, params: pendingParams, response: r.approvedItem },
  'POST /spaces/me/pending/:kind/:id/reject': { auth: true, params: pendingParams },
  // friends
  'POST /friends/requests': { auth: true, body: friendRequestBody, response: r.friendRequest },
  'GET /friends/requests': { auth: true, response: r.friendRequests },
  'POST /friends/requests/:id/accept': { auth: true, params: idParams, response: r.friend },
  'POST /friends/requests/:id/decline': { auth: true, params: idParams },
  'GET /friends': { auth: true, response: r.friends },
  'DELETE /friends/:handle': { auth: true, params: handleParams },
  // v1.2 special care (特别关心)
  'PUT /friends/:handle/care': { auth: true, params: handleParams },
  'DELETE /friends/:handle/care': { auth: true, params: handleParams },
  'GET /friends/care': { auth: true, response: r.users },
  // search and friend suggestions
  'GET /users': { auth: true, query: userSearchQuery, response: r.users },
  'GET /friends/suggestions': { auth: true, response: r.suggestions },
  // v1.2 friend groups (分组): the owner's alone
  'GET /groups': { auth: true, response: r.groups },
  'POST /groups': { auth: true, body: groupCreateBody, response: r.group },
  'PATCH /groups/:id': { auth: true, params: idParams, body: groupPatchBody, response: r.group },
  'DELETE /groups/:id': { auth: true, params: idParams },
  // blocks
  'PUT /blocks/:handle': { auth: true, params: handleParams },
  'DELETE /blocks/:handle': { auth: true, params: handleParams },
  'GET /blocks': { auth: true, response: r.users },
  // posts
  'POST /posts': { auth: true, body: createPostBody, response: r.post },
  // v1.2: scheduled posts (listed before `/posts/:id`, which would otherwise take the path)
  'GET /posts/scheduled': { auth: true, response: r.scheduledPosts },
  'PATCH /posts/:id/schedule': { auth: true, params: idParams, body: editScheduledBody, response: r.post },
  'GET /posts/:id': { auth: false, params: idParams, response: r.post },
  'DELETE /posts/:id': { auth: true, params: idParams },
  'GET /feed': { auth: true, query: postPageQuery, response: r.postPage },
  'GET /spaces/:handle/posts': { auth: false, params: handleParams, query: postPageQuery, response: r.postPage },
  'POST /posts/:id/comments': { auth: true, params: idParams, body: createCommentBody, response: r.comment },
  'GET /posts/:id/comments': { auth: false, params: idParams, response: r.comments },
  'DELETE /posts/:id/comments/:commentId': { auth: true, params: commentParams },
  'POST /posts/:id/repost': { auth: true, params: idParams, body: repostBody, response: r.post },
  'PUT /posts/:id/like': { auth: true, params: idParams, response: r.likeState },
  'DELETE /posts/:id/like': { auth: true, params: idParams, response: r.likeState },
  'GET /posts/:id/likes': { auth: false, params: idParams, query: likersQuery, response: r.likers },
  // albums
  'GET /albums/quota': { auth: true, response: r.quota },
  'POST /albums': { auth: true, body: albumBody, response: r.album },
  'PUT /albums/shuoshuo': { auth: true, response: r.album },
  'GET /spaces/:handle/albums': { auth: false, params: handleParams, response: r.albums },
  'GET /albums/:id': { auth: false, params: idParams, response: r.album },
  'DELETE /albums/:id': { auth: true, params: idParams },
  'PUT /albums/:id/music': { auth: true, params: idParams, body: albumMusicBody, response: r.album },
  'GET /albums/:id/photos': { auth: false, params: idParams, query: photoPageQuery, response: r.photoPage },
  'DELETE /photos/:id': { auth: true, params: idParams },
  'PATCH /photos/:id': { auth: true, params: idParams, body: photoCaptionBody, response: r.photo },
  'POST /users/:handle/tier': { auth: 'moderator', params: handleParams, body: tierBody, response: r.user },
  // albums: the streaming photo upload (multipart/form-data)
  'POST /albums/:id/photos': { auth: true, params: idParams, upload: { field: 'file' }, response: r.photo },
  // videos (v1.2): the streaming upload, and removing one not (or no longer) on a post
  'POST /videos': { auth: true, upload: { field: 'file' }, response: r.video },
  'DELETE /videos/:id': { auth: true, params: idParams },
  // fans
  'GET /spaces/:handle/fan': { auth: false, params: handleParams, response: r.fanState },
  'PUT /spaces/:handle/fan': { auth: true, params: handleParams, response: r.fanState },
  'DELETE /spaces/:handle/fan': { auth: true, params: handleParams, response: r.fanState },
  'POST /spaces/:handle/certify': { auth: 'moderator', params: handleParams, body: certifyBody, response: r.certified },
  // notifications
  'GET /notifications': { auth: true, query: notificationListQuery, response: r.notifications },
  'POST /notifications/read': { auth: true, body: markReadBody, response: r.unread },
  'GET /notifications/settings': { auth: true, response: r.muted },
  'PUT /notifications/settings': { auth: true, body: notificationSettingsBody, response: r.muted },
  // games
  'GET /games': { auth: false, response: r.games },
  'POST /invites': { auth: true, body: inviteBody, response: r.invite },
  'GET /invites': { auth: true, response: r.invites },
  'GET /invites/:id': { auth: true, params: idParams, response: r.invite },
  'POST /invites/:id/accept': { auth: true, params: idParams, response: r.inviteAccepted },
  'POST /invites/:id/decline': { auth: true, params: idParams, response: r.invite },
  'POST /invites/:id/cancel': { auth: true, params: idParams, response: r.invite },
  'POST /matches/:id/resign': { auth: true, params: idParams, response: r.match },
  'GET /matches/:id': { auth: true, params: idParams, response: r.match },
  'GET /spaces/:handle/matches': { auth: false, params: handleParams, query: matchPageQuery, response: r.matchPage },
  // moderation
  'POST /moderation/rules': { auth: 'moderator', body: ruleBody, response: r.rule },
  'GET /moderation/rules': { auth: 'moderator', response: r.rules },
  'DELETE /moderation/rules/:id': { auth: 'moderator', params: idParams },
  'GET /moderation/queue': { auth: 'moderator', response: r.queue },
  'POST /moderation/queue/:postId/approve': { auth: 'moderator', params: postIdParams, response: r.post },
  'POST /moderation/queue/:postId/reject': { auth: 'moderator', params: postIdParams, response: r.post },
  'POST /moderation/queue/comments/:id/approve': { auth: 'moderator', params: idParams, response: r.comment },
  'POST /moderation/queue/comments/:id/reject': { auth: 'moderator', params: idParams, response: r.comment },
  'POST /moderation/posts/:postId/unpublish': { auth: 'moderator', params: postIdParams },
  'GET /moderation/audit': { auth: 'moderator', query: auditQuery, response: r.audit },
  // reports
  'POST /reports': { auth: true, body: reportBody, response: r.report },
  'GET /moderation/reports': { auth: 'moderator', response: r.reports },
  'POST /moderation/reports/:id/resolve': { auth: 'moderator', params: idParams, body: resolveReportBody, response: r.report },
  // chat: private messages between friends
  'GET /conversations': { auth: true, query: conversationListQuery, response: r.conversations },
  'POST /conversations/:handle/messages': { auth: true, params: handleParams, body: sendMessageBody, response: r.message },
  'GET /conversations/:handle/messages': { auth: true, params: handleParams, query: messagePageQuery, response: r.messages },
  'POST /conversations/:handle/read': { auth: true, params: handleParams, body: chatReadBody, response: r.unread },
  'POST /messages/:id/recall': { auth: true, params: messageIdParams, response: r.message },
  // system: probes, client config, this document
  'GET /livez': { auth: false, response: r.live },
  'GET /readyz': { auth: false, response: r.ready },
  'GET /health': { auth: false, response: r.health },
  'GET /config': { auth: false, response: r.clientConfig },
  'GET /openapi.json': { auth: false, response: r.openApi },
});

export type ApiRoutes = typeof apiRoutes;
export type RouteKey = keyof ApiRoutes;
