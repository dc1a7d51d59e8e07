/**
 * What the API document says of each route beyond its contract (schemas and declared errors,
 * shared/api-routes.ts): a one-line summary.
 * test/http/openapi-lint.test.ts fails when a mounted route has no summary here or on its endpoint.
 */
import type { RouteKey } from '../../shared/api-routes.js';

export interface OperationNotes {
  readonly summary: string;
}

export const operationNotes: { readonly [K in RouteKey]?: OperationNotes } = {
  // accounts
  'POST /auth/register': { summary: 'Create an account and sign in' },
  'POST /auth/login': { summary: 'Sign in with handle and password' },
  'GET /me': { summary: 'The signed-in user, with unread counts' },
  'PATCH /me': { summary: 'Change display name, bio, locale or hidden visits' },
  'POST /me/avatar': { summary: 'Upload a new avatar' },
  'POST /auth/password': { summary: 'Change the password; every other token stops working' },
  'POST /auth/logout': { summary: 'Sign out: this token stops working on every node' },
  'DELETE /me': { summary: 'Delete the account (the password confirms it)' },
  // spaces
  'PATCH /spaces/me': { summary: "Change one's space: title, theme, modules, music" },
  'POST /spaces/me/modules/restore': { summary: "Put one's space modules back to the default arrangement" },
  'GET /spaces/:handle': { summary: "A user's space" },
  'POST /spaces/:handle/visit': { summary: 'Record a visit to a space (its owner sees it live)' },
  'GET /spaces/:handle/visitors': { summary: "Who visited one's own space, newest first" },
  'GET /spaces/:handle/guestbook': { summary: "A space's guestbook, a page at a time" },
  'POST /spaces/:handle/guestbook': { summary: 'Sign a guestbook' },
  'DELETE /spaces/:handle/guestbook/:id': { summary: 'Delete a guestbook entry (its author or the space owner)' },
  'PUT /spaces/me/guestbook/:id/reply': { summary: 'Reply to an entry in one’s guestbook' },
  'DELETE /spaces/me/guestbook/:id/reply': { summary: 'Remove one’s reply to a guestbook entry' },
  'GET /spaces/me/pending': { summary: 'Comments and guestbook entries waiting for the owner’s approval' },
  'POST /spaces/me/pending/:kind/:id/approve': { summary: 'Approve a waiting comment or guestbook entry' },
  'POST /spaces/me/pending/:kind/:id/reject': { summary: 'Reject a waiting comment or guestbook entry' },
  // friends, search, groups, blocks
  'POST /friends/requests': { summary: 'Ask someone to be friends' },
  'GET /friends/requests': { summary: 'Pending friend requests, incoming and outgoing' },
  'POST /friends/requests/:id/accept': { summary: 'Accept a friend request' },
  'POST /friends/requests/:id/decline': { summary: 'Decline a friend request' },
  'GET /friends': { summary: "One's friends" },
  'DELETE /friends/:handle': { summary: 'End a friendship' },
  'PUT /friends/:handle/care': { summary: 'Care specially for a friend (at most 20)' },
  'DELETE /friends/:handle/care': { summary: 'Stop caring specially for a friend' },
  'GET /friends/care': { summary: 'The friends one cares specially for' },
  'GET /users': { summary: 'Find users by handle or name' },
  'GET /friends/suggestions': { summary: 'People one may know (friends of friends)' },
  'GET /groups': { summary: "One's friend groups" },
  'POST /groups': { summary: 'Create a friend group' },
  'PATCH /groups/:id': { summary: 'Rename a friend group or change its members' },
  'DELETE /groups/:id': { summary: 'Delete a friend group' },
  'PUT /blocks/:handle': { summary: 'Block a user (ends a friendship, hides both ways)' },
  'DELETE /blocks/:handle': { summary: 'Unblock a user' },
  'GET /blocks': { summary: 'The users one blocks' },
  // posts, comments, likes
  'POST /posts': { summary: 'Publish (or schedule) a post; 202 when held for a moderator' },
  'GET /posts/scheduled': { summary: "One's scheduled posts, soonest first" },
  'PATCH /posts/:id/schedule': { summary: 'Edit a scheduled post' },
  'GET /posts/:id': { summary: 'One post' },
  'DELETE /posts/:id': { summary: 'Delete a post (its author or a moderator)' },
  'GET /feed': { summary: 'The friend feed, newest first, by cursor' },
  'GET /spaces/:handle/posts': { summary: "A space's posts, newest first, by cursor" },
  'POST /posts/:id/comments': { summary: 'Comment on a post or reply to a comment' },
  'GET /posts/:id/comments': { summary: "A post's comments" },
  'DELETE /posts/:id/comments/:commentId': {
    summary: 'Delete a comment (its author, the post author or a moderator)',
  },
  'POST /posts/:id/repost': { summary: 'Repost a post with an optional comment' },
  'PUT /posts/:id/like': { summary: 'Like a post' },
  'DELETE /posts/:id/like': { summary: 'Take back a like' },
  'GET /posts/:id/likes': { summary: 'Who liked a post, newest first' },
  // albums, photos, videos
  'GET /albums/quota': { summary: "One's storage used and quota" },
  'POST /albums': { summary: 'Create an album' },
  'PUT /albums/shuoshuo': { summary: 'The album that holds photos posted with shuoshuo (created once)' },
  'GET /spaces/:handle/albums': { summary: "A space's albums the viewer may see" },
  'GET /albums/:id': { summary: 'One album' },
  'DELETE /albums/:id': { summary: 'Delete an album and its photos' },
  'PUT /albums/:id/music': { summary: "Set or clear an album's background music" },
  'GET /albums/:id/photos': { summary: "An album's photos, by cursor" },
  'DELETE /photos/:id': { summary: 'Delete a photo' },
  'PATCH /photos/:id': { summary: "Change a photo's caption" },
  'POST /users/:handle/tier': { summary: "Set a user's storage tier (moderators)" },
  'POST /albums/:id/photos': { summary: 'Upload a photo into an album' },
  'POST /videos': { summary: 'Upload a video' },
  'DELETE /videos/:id': { summary: 'Delete a video not on a post' },
  // fans
  'GET /spaces/:handle/fan': { summary: 'Whether one is a fan of a certified space, and its fan count' },
  'PUT /spaces/:handle/fan': { summary: 'Become a fan of a certified space' },
  'DELETE /spaces/:handle/fan': { summary: 'Stop being a fan of a space' },
  'POST /spaces/:handle/certify': { summary: 'Certify a space or take it back (moderators)' },
  // notifications
  'GET /notifications': { summary: 'Notifications after a number, oldest first' },
  'POST /notifications/read': { summary: 'Mark notifications read' },
  'GET /notifications/settings': { summary: 'Which kinds of notification are muted' },
  'PUT /notifications/settings': { summary: 'Mute or unmute kinds of notification' },
  // games
  'GET /games': { summary: 'The games one can play' },
  'POST /invites': { summary: 'Invite a friend to a game' },
  'GET /invites': { summary: "One's pending game invites, incoming and outgoing" },
  'GET /invites/:id': { summary: 'One game invite' },
  'POST /invites/:id/accept': { summary: 'Accept a game invite and start the match' },
  'POST /invites/:id/decline': { summary: 'Decline a game invite' },
  'POST /invites/:id/cancel': { summary: 'Cancel a game invite one sent' },
  'POST /matches/:id/resign': { summary: 'Resign a match' },
  'GET /matches/:id': { summary: 'One match and its moves' },
  'GET /spaces/:handle/matches': { summary: "A space's finished and running matches" },
  // moderation, reports
  'POST /moderation/rules': { summary: 'Add a keyword rule (block, hold or review)' },
  'GET /moderation/rules': { summary: 'The keyword rules' },
  'DELETE /moderation/rules/:id': { summary: 'Delete a keyword rule' },
  'GET /moderation/queue': { summary: 'Posts and comments waiting for a moderator' },
  'POST /moderation/queue/:postId/approve': { summary: 'Publish a held post' },
  'POST /moderation/queue/:postId/reject': { summary: 'Reject a held post' },
  'POST /moderation/queue/comments/:id/approve': { summary: 'Publish a held comment' },
  'POST /moderation/queue/comments/:id/reject': { summary: 'Reject a held comment' },
  'POST /moderation/posts/:postId/unpublish': { summary: 'Take a published post back into the queue' },
  'GET /moderation/audit': { summary: "The moderators' audit log, newest first" },
  'POST /reports': { summary: 'Report a post, comment, guestbook entry or user' },
  'GET /moderation/reports': { summary: 'Open reports' },
  'POST /moderation/reports/:id/resolve': { summary: 'Resolve a report' },
  // chat
  'GET /conversations': { summary: "One's conversations, latest message first" },
  'POST /conversations/:handle/messages': { summary: 'Send a private message to a friend' },
  'GET /conversations/:handle/messages': { summary: 'A conversation’s messages, a page at a time' },
  'POST /conversations/:handle/read': { summary: 'Mark a conversation read up to a message' },
  'POST /messages/:id/recall': { summary: 'Recall a message within 2 minutes of sending it' },
  // system
  'GET /livez': { summary: 'Liveness: the process serves HTTP (no store or Redis call)' },
  'GET /readyz': { summary: 'Readiness: the store (and Redis) answer; 503 while not' },
  'GET /health': { summary: 'Node, engine, store and Redis state, sockets, uptime' },
  'GET /config': { summary: 'What the web client needs: the realtime URL and limits' },
};

/** Operations are listed under their path's first segment; the probes, client config and this document under `system`. */
export const tagDescriptions: Readonly<Record<string, string>> = {
  albums: 'Photo albums, storage quota, photo uploads',
  auth: 'Sign-up, sign-in, password, sign-out',
  blocks: 'Blocking users',
  conversations: 'Private chat between friends',
  feed: 'The friend feed',
  friends: 'Friend requests, friends, special care, suggestions',
  games: 'The games on offer',
  groups: 'Friend groups (post audiences)',
  invites: 'Game invites',
  matches: 'Game matches',
  me: 'The signed-in account',
  messages: 'One chat message',
  moderation: 'Keyword rules, the moderation queue, reports, the audit log (moderators)',
  notifications: 'Stored, numbered notifications and their settings',
  photos: 'One photo',
  posts: 'Posts, comments, likes, reposts, scheduled posts',
  reports: 'Reporting content to moderators',
  spaces: 'Personal spaces: settings, visitors, guestbook, fans, approval',
  system: 'Probes, health, client configuration, this document',
  users: 'Finding users; storage tiers (moderators)',
  videos: 'Video uploads',
};

const systemSegments: ReadonlySet<string> = new Set(['livez', 'readyz', 'health', 'config', 'openapi.json']);

/** The tag an operation is listed under (`/posts/{id}/like` → `posts`, `/readyz` → `system`). */
export function tagOf(path: string): string {
  const segment = path.split('/')[1] ?? 'system';
  return systemSegments.has(segment) ? 'system' : segment;
}
