/** The REST contract's routes for games, moderation, reports, chat and the system routes (the whole table: ../api-routes.ts). */
import * as r from '../schemas/dto/responses.js';
import { handleParams, idParams } from '../schemas/common.js';
import { idempotent, limited, moderatorOnly, named, signedIn, withBody, withInput } from '../route-errors.js';
import { inviteBody, matchPageQuery } from '../schemas/games.js';
import { auditQuery, postIdParams, ruleBody } from '../schemas/moderation.js';
import { reportBody, resolveReportBody } from '../schemas/social.js';
import { chatReadBody, conversationListQuery, messageIdParams, messagePageQuery, sendMessageBody } from '../schemas/chat.js';
import { routeTable } from '../route-table.js';

export const playModerationChatRoutes = routeTable({
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
