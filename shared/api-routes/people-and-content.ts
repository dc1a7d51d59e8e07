/** The REST contract's routes for accounts, spaces, posts, albums, friends, groups, notifications (the whole table: ../api-routes.ts). */
import * as r from '../schemas/dto/responses.js';
import { albumBody, albumMusicBody, photoCaptionBody, photoPageQuery } from '../schemas/albums.js';
import { loginBody, registerBody } from '../schemas/auth.js';
import { empty, handleParams, idParams } from '../schemas/common.js';
import { idempotent, limited, moderatorOnly, named, signedIn, withBody, withInput } from '../route-errors.js';
import { friendRequestBody } from '../schemas/friends.js';
import { groupCreateBody, groupPatchBody } from '../schemas/groups.js';
import { certifyBody, tierBody } from '../schemas/moderation.js';
import { markReadBody, notificationListQuery, notificationSettingsBody } from '../schemas/notifications.js';
import { commentParams, createCommentBody, createPostBody, editScheduledBody, likersQuery, postPageQuery } from '../schemas/posts.js';
import { deleteAccountBody, passwordBody, profileBody, userSearchQuery } from '../schemas/profile.js';
import { repostBody } from '../schemas/social.js';
import {
  guestbookBody,
  guestbookEntryParams,
  guestbookQuery,
  guestbookReplyBody,
  pendingParams,
  spacePatchBody,
  visitorsQuery,
} from '../schemas/spaces.js';
import { routeTable } from '../route-table.js';

export const peopleAndContentRoutes = routeTable({
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
});
