/**
 * The opaque page cursor of feeds and space post lists: base64url of `<createdAt ms>_<post id>`,
 * the last post of a page. Pages follow (createdAt, _id) descending, so posts inserted after a
 * page was read never shift the pages that follow it.
 */
import { Types } from 'mongoose';
import { invalid } from '../../errors.js';

export interface FeedCursor {
  readonly createdAt: Date;
  readonly id: Types.ObjectId;
}

export function encodeCursor(createdAt: Date, id: Types.ObjectId): string {
  return Buffer.from(`${createdAt.getTime()}_${id.toHexString()}`).toString('base64url');
}

/** The cursor in `before`, or undefined for the first page; a malformed one is `invalid`. */
export function decodeCursor(before: string | undefined): FeedCursor | undefined {
  if (before === undefined || before === '') return undefined;
  const bad = () => invalid('before: not a cursor this server gave out', { before: 'is not a valid cursor' });
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(before)) throw bad();
  const match = /^(\d{1,15})_([0-9a-f]{24})$/.exec(Buffer.from(before, 'base64url').toString('latin1'));
  if (!match) throw bad();
  const ms = Number(match[1]);
  if (!Number.isSafeInteger(ms) || ms > 8.64e15) throw bad();
  return { createdAt: new Date(ms), id: new Types.ObjectId(match[2]) };
}

/** The filter selecting posts strictly after `cursor` in (createdAt, _id) descending order. */
export function beforeCursor(cursor: FeedCursor | undefined): Record<string, unknown>[] {
  if (!cursor) return [];
  return [
    // The top-level range lets the store bound its index scan; the $or is the exact tie-break.
    { createdAt: { $lte: cursor.createdAt } },
    { $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, _id: { $lt: cursor.id } }] },
  ];
}
