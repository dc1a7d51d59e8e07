/** The bad-input battery's cases: hostile bodies, path segments and query strings. */

/** Path segments that try to escape, inject or overflow. Each replaces one `:param`. */
export const hostileSegments: readonly string[] = [
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..',
  '%00',
  '%7B%22%24ne%22%3A1%7D', // {"$ne":1}
  '%24where',
  'a'.repeat(5000),
  '%F0%9F%98%80', // astral
  '%E2%80%AE%E2%80%8B', // RTL override + zero-width space
  '%ED%A0%80', // a lone surrogate as UTF-8 bytes (invalid)
  '000000000000000000000000',
  'ffffffffffffffffffffffff',
  "1'%20OR%20'1'%3D'1",
];

/** Raw bodies that are not valid JSON objects, with the content type they are sent as. */
export const rawBodies: ReadonlyArray<readonly [string, string]> = [
  ['{"unterminated": ', 'application/json'],
  ['[1, 2, 3]', 'application/json'],
  ['null', 'application/json'],
  ['42', 'application/json'],
  ['"a string"', 'application/json'],
  ['{"a": 1}{"b": 2}', 'application/json'],
  ['\u0000\u0001\u0002', 'application/json'],
  ['handle=x&password=y', 'application/x-www-form-urlencoded'],
  ['<xml/>', 'application/xml'],
  ['{"text": "\\ud800"}', 'application/json'], // lone surrogate escape
  [`${'['.repeat(5000)}${']'.repeat(5000)}`, 'application/json'],
  [JSON.stringify({ text: 'x'.repeat(1_200_000) }), 'application/json'],
];

/** Every field name any endpoint takes, each tried with hostile values. */
export const fieldNames: readonly string[] = [
  'handle',
  'password',
  'displayName',
  'to',
  'kind',
  'text',
  'title',
  'images',
  'privacy',
  'parentId',
  'upTo',
  'after',
  'pattern',
  'action',
  'game',
  'theme',
  'modules',
  'music',
  'private',
  'certified',
  'tier',
  'muted',
  'x',
  'y',
  'matchId',
  'postId',
  // v1.1: profile, password, reports, reposts.
  'bio',
  'avatar',
  'current',
  'next',
  'subject',
  'reason',
  // v1.2: private messages.
  'photoId',
  'clientId',
  'cursor',
];

/**
 * v1.2: message bodies a send must refuse as invalid (400), each with a fresh valid clientId added
 * unless it sets its own: text over 2000 characters (10 k), empty or blank text, no content at all,
 * a photo and a post at once, a clientId that is not a UUID, control characters, operators.
 */
export const badMessageBodies: readonly Record<string, unknown>[] = [
  { text: '好'.repeat(10_000) },
  { text: 'x'.repeat(2001) },
  { text: '' },
  { text: '   \n\t ' },
  {},
  { photoId: '0123456789abcdef01234567', postId: '0123456789abcdef01234567' },
  { text: 'hi', clientId: 'not-a-uuid' },
  { text: 'hi', clientId: { $ne: '' } },
  { text: 'bell\u0007' },
  { text: { $regex: '.*' } },
  { photoId: 'not-an-id' },
  { text: 'hi', extra: true },
];

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) v = { nested: v };
  return v;
}

/** Values that must never reach a query or a write as they are. */
export const hostileValues: readonly unknown[] = [
  { $ne: '' },
  { $gt: '' },
  { $where: 'sleep(1000) || true' },
  { $regex: '.*' },
  [{ $nor: [{}] }],
  null,
  true,
  -1,
  1e309 === Infinity ? '1e309' : 1e309,
  'x'.repeat(300_000),
  '\u202e\u200b\u200d\ufeff',
  '😀'.repeat(3000),
  deep(200),
  ['a', { b: ['c', { d: [] }] }],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

/** Query strings that try operators, bad numbers and overflow. */
export const hostileQueries: readonly string[] = [
  '?before[$gt]=',
  '?limit=-1',
  '?limit=1e309',
  '?limit=abc',
  '?after=not-a-number',
  '?after[$ne]=1',
  `?before=${'z'.repeat(4000)}`,
  '?limit=10&limit=20',
  '?__proto__[polluted]=1',
  // v1.1 user search: operators, patterns and overlong text are plain text or refused, never a query.
  '?q[$regex]=.*',
  '?q=.*&limit=50',
  '?q=%5E(a%2B)%2B%24',
  `?q=${'a'.repeat(5000)}`,
  '?q=%00',
];
