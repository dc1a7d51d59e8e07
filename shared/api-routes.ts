/**
 * The REST contract as one table: each route's auth, input schemas and answer schema, keyed
 * `'METHOD /path'` (paths under /api, Express-style `:param`). Each feature's routes.ts is a table keyed
 * the same way (`defineEndpoints({ 'GET /posts/:id': { handler } })`, server/http/endpoint-table.ts), so a
 * handler whose result does not fit the answer fails to compile, and the typed client (api-client.ts) reads its types from it,
 * so a renamed field fails to compile in the server, the web client, the tests and the load tester. Each route also
 * declares the errors it can answer and when (shared/route-errors.ts); the API document lists them from here.
 * test/http/api-routes.test.ts checks that the table and the mounted endpoints are the same set.
 */
import type { z } from 'zod';
import * as r from './schemas/dto/responses.js';
import { albumBody, albumMusicBody, photoCaptionBody, photoPageQuery } from './schemas/albums.js';
import { loginBody, registerBody } from './schemas/auth.js';
import { empty, handleParams, idParams } from './schemas/common.js';
import { idempotent, limited, moderatorOnly, named, signedIn, withBody, withInput, type RouteErrors } from './route-errors.js';
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
  /** The error codes it answers, each with when (beyond `everyRoute`'s); an own entry replaces a spread one's text. */
  readonly errors: RouteErrors;
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
  'POST /auth/register': {
    auth: false,
    body: registerBody,
    response: r.auth,
    errors: { ...withBody, ...limited, conflict: 'the handle is taken', blocked: 'a keyword rule blocks the display name' },
  },
  'POST /auth/login': { auth: false, body: loginBody, response: r.auth, errors: { ...withBody, ...limited } },
  'GET /me': { auth: true, response: r.meWithUnread, errors: signedIn },
  // one's own account: profile, password, sign-out, deletion
  'PATCH /me': {
    auth: true,
    body: profileBody,
    response: r.me,
    errors: {
      ...signedIn,
      ...withBody,
      ...limited,
      forbidden: 'hidden visits without the yellow tier',
      blocked: 'a keyword rule blocks the name or bio',
    },
  },
  'POST /me/avatar': {
    auth: true,
    upload: { field: 'file' },
    response: r.me,
    errors: {
      ...signedIn,
      ...withInput,
      too_large: 'the image is over its limit',
      unsupported_media: 'not an image the hub takes',
      rate_limited: 'too many uploads; the message says when to retry',
    },
  },
  'POST /auth/password': {
    auth: true,
    body: passwordBody,
    response: r.token,
    errors: { ...signedIn, ...withBody, ...idempotent, rate_limited: 'too many tries; the message says when to retry' },
  },
  'POST /auth/logout': { auth: true, errors: { ...signedIn, ...withInput, ...idempotent } },
  'DELETE /me': {
    auth: true,
    body: deleteAccountBody,
    errors: { ...signedIn, ...withBody, rate_limited: 'too many tries; the message says when to retry' },
  },
  // spaces
  'PATCH /spaces/me': {
    auth: true,
    body: spacePatchBody,
    response: r.space,
    errors: { ...signedIn, ...withBody, ...limited, blocked: 'a keyword rule blocks the title' },
  },
  'POST /spaces/me/modules/restore': { auth: true, body: empty, response: r.space, errors: { ...signedIn, ...withBody, ...idempotent } },
  'GET /spaces/:handle': { auth: false, params: handleParams, response: r.space, errors: { ...withInput, ...named } },
  'POST /spaces/:handle/visit': { auth: true, params: handleParams, errors: { ...signedIn, ...withInput, ...named, ...idempotent } },
  'GET /spaces/:handle/visitors': {
    auth: true,
    params: handleParams,
    query: visitorsQuery,
    response: r.visitors,
    errors: { ...signedIn, ...withInput, ...named, forbidden: "not the space's owner" },
  },
  'GET /spaces/:handle/guestbook': {
    auth: false,
    params: handleParams,
    query: guestbookQuery,
    response: r.guestbookPage,
    errors: { ...withInput, ...named },
  },
  'POST /spaces/:handle/guestbook': {
    auth: true,
    params: handleParams,
    body: guestbookBody,
    response: r.guestbookEntry,
    errors: { ...signedIn, ...withBody, ...named, ...idempotent, blocked: 'a keyword rule blocks the text' },
  },
  'DELETE /spaces/:handle/guestbook/:id': {
    auth: true,
    params: guestbookEntryParams,
    errors: { ...signedIn, ...withInput, ...named, forbidden: "neither the entry's author nor the space's owner" },
  },
  // v1.2 circles: the owner's replies under guestbook entries, and what waits for the owner's approval
  'PUT /spaces/me/guestbook/:id/reply': {
    auth: true,
    params: idParams,
    body: guestbookReplyBody,
    response: r.guestbookEntry,
    errors: { ...signedIn, ...withBody, ...named, ...limited, blocked: 'a keyword rule blocks the reply' },
  },
  'DELETE /spaces/me/guestbook/:id/reply': { auth: true, params: idParams, errors: { ...signedIn, ...withInput, ...named, ...limited } },
  'GET /spaces/me/pending': { auth: true, response: r.pendingItems, errors: signedIn },
  'POST /spaces/me/pending/:kind/:id/approve': {
    auth: true,
    params: pendingParams,
    response: r.approvedItem,
    errors: { ...signedIn, ...withInput, ...named, ...idempotent },
  },
  'POST /spaces/me/pending/:kind/:id/reject': {
    auth: true,
    params: pendingParams,
    errors: { ...signedIn, ...withInput, ...named, ...idempotent },
  },
  // friends
  'POST /friends/requests': {
    auth: true,
    body: friendRequestBody,
    response: r.friendRequest,
    errors: {
      ...signedIn,
      ...withBody,
      ...idempotent,
      not_found: 'no such user',
      conflict: 'already friends, or a request between you pending (or an Idempotency-Key reused)',
    },
  },
  'GET /friends/requests': { auth: true, response: r.friendRequests, errors: signedIn },
  'POST /friends/requests/:id/accept': {
    auth: true,
    params: idParams,
    response: r.friend,
    errors: { ...signedIn, ...withInput, ...named, ...idempotent },
  },
  'POST /friends/requests/:id/decline': { auth: true, params: idParams, errors: { ...signedIn, ...withInput, ...named, ...idempotent } },
  'GET /friends': { auth: true, response: r.friends, errors: signedIn },
  'DELETE /friends/:handle': { auth: true, params: handleParams, errors: { ...signedIn, ...withInput, ...named } },
  // v1.2 special care (特别关心)
  'PUT /friends/:handle/care': {
    auth: true,
    params: handleParams,
    errors: { ...signedIn, ...withInput, ...named, ...limited, conflict: 'already caring for the most friends allowed' },
  },
  'DELETE /friends/:handle/care': { auth: true, params: handleParams, errors: { ...signedIn, ...withInput, ...named, ...limited } },
  'GET /friends/care': { auth: true, response: r.users, errors: signedIn },
  // search and friend suggestions
  'GET /users': { auth: true, query: userSearchQuery, response: r.users, errors: { ...signedIn, ...withInput, ...limited } },
  'GET /friends/suggestions': { auth: true, response: r.suggestions, errors: { ...signedIn, ...limited } },
  // v1.2 friend groups (分组): the owner's alone
  'GET /groups': { auth: true, response: r.groups, errors: signedIn },
  'POST /groups': {
    auth: true,
    body: groupCreateBody,
    response: r.group,
    errors: {
      ...signedIn,
      ...withBody,
      ...idempotent,
      conflict: 'a group of that name exists, or the most groups (or an Idempotency-Key reused)',
    },
  },
  'PATCH /groups/:id': {
    auth: true,
    params: idParams,
    body: groupPatchBody,
    response: r.group,
    errors: { ...signedIn, ...withBody, ...named, ...limited, conflict: 'a group of that name exists' },
  },
  'DELETE /groups/:id': { auth: true, params: idParams, errors: { ...signedIn, ...withInput, ...named, ...limited } },
  // blocks
  'PUT /blocks/:handle': { auth: true, params: handleParams, errors: { ...signedIn, ...withInput, ...named, ...limited } },
  'DELETE /blocks/:handle': { auth: true, params: handleParams, errors: { ...signedIn, ...withInput, ...named, ...limited } },
  'GET /blocks': { auth: true, response: r.users, errors: signedIn },
  // posts
  'POST /posts': {
    auth: true,
    body: createPostBody,
    response: r.post,
    errors: { ...signedIn, ...withBody, ...idempotent, blocked: 'a keyword rule blocks the text' },
  },
  // v1.2: scheduled posts (listed before `/posts/:id`, which would otherwise take the path)
  'GET /posts/scheduled': { auth: true, response: r.scheduledPosts, errors: signedIn },
  'PATCH /posts/:id/schedule': {
    auth: true,
    params: idParams,
    body: editScheduledBody,
    response: r.post,
    errors: {
      ...signedIn,
      ...withBody,
      ...named,
      ...limited,
      conflict: 'already published, or too many scheduled',
      blocked: 'a keyword rule blocks the text',
    },
  },
  'GET /posts/:id': { auth: false, params: idParams, response: r.post, errors: { ...withInput, ...named } },
  'DELETE /posts/:id': {
    auth: true,
    params: idParams,
    errors: { ...signedIn, ...withInput, ...named, forbidden: 'neither its author nor a moderator' },
  },
  'GET /feed': { auth: true, query: postPageQuery, response: r.postPage, errors: { ...signedIn, ...withInput } },
  'GET /spaces/:handle/posts': {
    auth: false,
    params: handleParams,
    query: postPageQuery,
    response: r.postPage,
    errors: { ...withInput, ...named },
  },
  'POST /posts/:id/comments': {
    auth: true,
    params: idParams,
    body: createCommentBody,
    response: r.comment,
    errors: { ...signedIn, ...withBody, ...named, ...idempotent, blocked: 'a keyword rule blocks the text' },
  },
  'GET /posts/:id/comments': { auth: false, params: idParams, response: r.comments, errors: { ...withInput, ...named } },
  'DELETE /posts/:id/comments/:commentId': {
    auth: true,
    params: commentParams,
    errors: { ...signedIn, ...withInput, ...named, forbidden: "neither its author, the post's author nor a moderator" },
  },
  'POST /posts/:id/repost': {
    auth: true,
    params: idParams,
    body: repostBody,
    response: r.post,
    errors: { ...signedIn, ...withBody, ...named, ...idempotent, blocked: 'a keyword rule blocks the comment' },
  },
  'PUT /posts/:id/like': {
    auth: true,
    params: idParams,
    response: r.likeState,
    errors: { ...signedIn, ...withInput, ...named, ...limited },
  },
  'DELETE /posts/:id/like': {
    auth: true,
    params: idParams,
    response: r.likeState,
    errors: { ...signedIn, ...withInput, ...named, ...limited },
  },
  'GET /posts/:id/likes': { auth: false, params: idParams, query: likersQuery, response: r.likers, errors: { ...withInput, ...named } },
  // albums
  'GET /albums/quota': { auth: true, response: r.quota, errors: signedIn },
  'POST /albums': {
    auth: true,
    body: albumBody,
    response: r.album,
    errors: {
      ...signedIn,
      ...withBody,
      ...idempotent,
      blocked: 'a keyword rule blocks the title',
      conflict: 'the most albums already (or an Idempotency-Key reused)',
    },
  },
  'PUT /albums/shuoshuo': {
    auth: true,
    response: r.album,
    errors: { ...signedIn, ...withInput, ...limited, conflict: 'the most albums already' },
  },
  'GET /spaces/:handle/albums': { auth: false, params: handleParams, response: r.albums, errors: { ...withInput, ...named } },
  'GET /albums/:id': { auth: false, params: idParams, response: r.album, errors: { ...withInput, ...named } },
  'DELETE /albums/:id': { auth: true, params: idParams, errors: { ...signedIn, ...withInput, ...named, ...limited } },
  'PUT /albums/:id/music': {
    auth: true,
    params: idParams,
    body: albumMusicBody,
    response: r.album,
    errors: { ...signedIn, ...withBody, ...named, ...limited, blocked: 'a keyword rule blocks the title' },
  },
  'GET /albums/:id/photos': {
    auth: false,
    params: idParams,
    query: photoPageQuery,
    response: r.photoPage,
    errors: { ...withInput, ...named },
  },
  'DELETE /photos/:id': { auth: true, params: idParams, errors: { ...signedIn, ...withInput, ...named, ...limited } },
  'PATCH /photos/:id': {
    auth: true,
    params: idParams,
    body: photoCaptionBody,
    response: r.photo,
    errors: { ...signedIn, ...withBody, ...named, ...limited, blocked: 'a keyword rule blocks the caption' },
  },
  'POST /users/:handle/tier': {
    auth: 'moderator',
    params: handleParams,
    body: tierBody,
    response: r.user,
    errors: { ...moderatorOnly, ...withBody, ...named, ...idempotent },
  },
  // albums: the streaming photo upload (multipart/form-data)
  'POST /albums/:id/photos': {
    auth: true,
    params: idParams,
    upload: { field: 'file' },
    response: r.photo,
    errors: {
      ...signedIn,
      ...withInput,
      ...named,
      conflict: 'the album is full',
      too_large: 'the file is over its limit, or the quota is full',
      unsupported_media: 'not an image the hub takes',
      rate_limited: 'too many uploads; the message says when to retry',
      not_found: 'no such album of yours',
    },
  },
  // videos (v1.2): the streaming upload, and removing one not (or no longer) on a post
  'POST /videos': {
    auth: true,
    upload: { field: 'file' },
    response: r.video,
    errors: {
      ...signedIn,
      ...withInput,
      ...limited,
      too_large: 'the file is over its limit, or the quota is full',
      unsupported_media: 'not a video the hub takes',
    },
  },
  'DELETE /videos/:id': {
    auth: true,
    params: idParams,
    errors: { ...signedIn, ...withInput, ...named, ...limited, conflict: 'the video is on a post; delete the post instead' },
  },
  // fans
  'GET /spaces/:handle/fan': { auth: false, params: handleParams, response: r.fanState, errors: { ...withInput, ...named } },
  'PUT /spaces/:handle/fan': {
    auth: true,
    params: handleParams,
    response: r.fanState,
    errors: { ...signedIn, ...withInput, ...named, ...limited, conflict: 'only certified spaces have fans' },
  },
  'DELETE /spaces/:handle/fan': {
    auth: true,
    params: handleParams,
    response: r.fanState,
    errors: { ...signedIn, ...withInput, ...named, ...limited },
  },
  'POST /spaces/:handle/certify': {
    auth: 'moderator',
    params: handleParams,
    body: certifyBody,
    response: r.certified,
    errors: { ...moderatorOnly, ...withBody, ...named, ...idempotent },
  },
  // notifications
  'GET /notifications': {
    auth: true,
    query: notificationListQuery,
    response: r.notifications,
    errors: { ...signedIn, ...withInput, ...limited },
  },
  'POST /notifications/read': { auth: true, body: markReadBody, response: r.unread, errors: { ...signedIn, ...withBody, ...idempotent } },
  'GET /notifications/settings': { auth: true, response: r.muted, errors: signedIn },
  'PUT /notifications/settings': {
    auth: true,
    body: notificationSettingsBody,
    response: r.muted,
    errors: { ...signedIn, ...withBody, ...limited },
  },
  // games
  'GET /games': { auth: false, response: r.games, errors: {} },
  'POST /invites': {
    auth: true,
    body: inviteBody,
    response: r.invite,
    errors: {
      ...signedIn,
      ...withBody,
      ...idempotent,
      forbidden: 'not a friend',
      not_found: 'no such user or game',
      conflict: 'an invite between you for this game is pending (or an Idempotency-Key reused)',
    },
  },
  'GET /invites': { auth: true, response: r.invites, errors: signedIn },
  'GET /invites/:id': { auth: true, params: idParams, response: r.invite, errors: { ...signedIn, ...withInput, ...named } },
  'POST /invites/:id/accept': {
    auth: true,
    params: idParams,
    response: r.inviteAccepted,
    errors: {
      ...signedIn,
      ...withInput,
      ...named,
      ...idempotent,
      forbidden: 'not the invited friend',
      conflict: 'the invite expired or was answered (or an Idempotency-Key reused)',
    },
  },
  'POST /invites/:id/decline': {
    auth: true,
    params: idParams,
    response: r.invite,
    errors: {
      ...signedIn,
      ...withInput,
      ...named,
      ...idempotent,
      forbidden: 'not the invited friend',
      conflict: 'the invite expired or was answered (or an Idempotency-Key reused)',
    },
  },
  'POST /invites/:id/cancel': {
    auth: true,
    params: idParams,
    response: r.invite,
    errors: {
      ...signedIn,
      ...withInput,
      ...named,
      ...idempotent,
      forbidden: "not the invite's sender",
      conflict: 'the invite expired or was answered (or an Idempotency-Key reused)',
    },
  },
  'POST /matches/:id/resign': {
    auth: true,
    params: idParams,
    response: r.match,
    errors: { ...signedIn, ...withInput, ...named, ...idempotent, conflict: 'the match is over (or an Idempotency-Key reused)' },
  },
  'GET /matches/:id': { auth: true, params: idParams, response: r.match, errors: { ...signedIn, ...withInput, ...named } },
  'GET /spaces/:handle/matches': {
    auth: false,
    params: handleParams,
    query: matchPageQuery,
    response: r.matchPage,
    errors: { ...withInput, ...named },
  },
  // moderation
  'POST /moderation/rules': {
    auth: 'moderator',
    body: ruleBody,
    response: r.rule,
    errors: {
      ...moderatorOnly,
      ...withBody,
      ...idempotent,
      conflict: 'a rule for that keyword exists, or the most rules (or an Idempotency-Key reused)',
    },
  },
  'GET /moderation/rules': { auth: 'moderator', response: r.rules, errors: moderatorOnly },
  'DELETE /moderation/rules/:id': { auth: 'moderator', params: idParams, errors: { ...moderatorOnly, ...withInput, ...named, ...limited } },
  'GET /moderation/queue': { auth: 'moderator', response: r.queue, errors: moderatorOnly },
  'POST /moderation/queue/:postId/approve': {
    auth: 'moderator',
    params: postIdParams,
    response: r.post,
    errors: { ...moderatorOnly, ...withInput, ...named, ...idempotent },
  },
  'POST /moderation/queue/:postId/reject': {
    auth: 'moderator',
    params: postIdParams,
    response: r.post,
    errors: { ...moderatorOnly, ...withInput, ...named, ...idempotent },
  },
  'POST /moderation/queue/comments/:id/approve': {
    auth: 'moderator',
    params: idParams,
    response: r.comment,
    errors: { ...moderatorOnly, ...withInput, ...named, ...idempotent },
  },
  'POST /moderation/queue/comments/:id/reject': {
    auth: 'moderator',
    params: idParams,
    response: r.comment,
    errors: { ...moderatorOnly, ...withInput, ...named, ...idempotent },
  },
  'POST /moderation/posts/:postId/unpublish': {
    auth: 'moderator',
    params: postIdParams,
    errors: { ...moderatorOnly, ...withInput, ...named, ...idempotent },
  },
  'GET /moderation/audit': { auth: 'moderator', query: auditQuery, response: r.audit, errors: { ...moderatorOnly, ...withInput } },
  // reports
  'POST /reports': {
    auth: true,
    body: reportBody,
    response: r.report,
    errors: {
      ...signedIn,
      ...withBody,
      ...idempotent,
      not_found: 'nothing to report there',
      conflict: 'already reported by you (or an Idempotency-Key reused)',
    },
  },
  'GET /moderation/reports': { auth: 'moderator', response: r.reports, errors: moderatorOnly },
  'POST /moderation/reports/:id/resolve': {
    auth: 'moderator',
    params: idParams,
    body: resolveReportBody,
    response: r.report,
    errors: { ...moderatorOnly, ...withBody, ...named, ...idempotent },
  },
  // chat: private messages between friends
  'GET /conversations': {
    auth: true,
    query: conversationListQuery,
    response: r.conversations,
    errors: { ...signedIn, ...withInput, ...limited },
  },
  'POST /conversations/:handle/messages': {
    auth: true,
    params: handleParams,
    body: sendMessageBody,
    response: r.message,
    errors: { ...signedIn, ...withBody, ...named, ...idempotent, blocked: 'a keyword rule blocks the text' },
  },
  'GET /conversations/:handle/messages': {
    auth: true,
    params: handleParams,
    query: messagePageQuery,
    response: r.messages,
    errors: { ...signedIn, ...withInput, ...named, ...limited },
  },
  'POST /conversations/:handle/read': {
    auth: true,
    params: handleParams,
    body: chatReadBody,
    response: r.unread,
    errors: { ...signedIn, ...withBody, ...named, ...idempotent },
  },
  'POST /messages/:id/recall': {
    auth: true,
    params: messageIdParams,
    response: r.message,
    errors: { ...signedIn, ...withInput, ...named, ...idempotent, forbidden: 'not its sender, or more than 2 minutes after sending' },
  },
  // system: probes, client config, this document
  'GET /livez': { auth: false, response: r.live, errors: {} },
  'GET /readyz': { auth: false, response: r.ready, errors: {} },
  'GET /health': { auth: false, response: r.health, errors: {} },
  'GET /config': { auth: false, response: r.clientConfig, errors: {} },
  'GET /openapi.json': { auth: false, response: r.openApi, errors: {} },
});

export type ApiRoutes = typeof apiRoutes;
export type RouteKey = keyof ApiRoutes;
