/** A friend edge read from its raw BSON gives the same ids as the driver would, whatever its shape. */
import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { edgeIdsOf } from '../../../server/modules/friends/raw-edge.js';

const user = new BSON.ObjectId();
const friend = new BSON.ObjectId();

describe('edgeIdsOf', () => {
  it('reads user and friend from the projected shape, in either order', () => {
    expect(edgeIdsOf(BSON.serialize({ user, friend }))).toEqual({ user: user.toHexString(), friend: friend.toHexString() });
    expect(edgeIdsOf(BSON.serialize({ friend, user }))).toEqual({ user: user.toHexString(), friend: friend.toHexString() });
  });

  it('takes a Uint8Array that is a view into a larger buffer', () => {
    const doc = BSON.serialize({ user, friend });
    const larger = new Uint8Array(doc.length + 10);
    larger.set(doc, 5);
    expect(edgeIdsOf(larger.subarray(5, 5 + doc.length))).toEqual({ user: user.toHexString(), friend: friend.toHexString() });
  });

  it('reads a document of another shape the ordinary way', () => {
    const since = new Date();
    expect(edgeIdsOf(BSON.serialize({ _id: new BSON.ObjectId(), user, friend, since }))).toEqual({
      user: user.toHexString(),
      friend: friend.toHexString(),
    });
  });

  it('answers null when an id is missing or not an ObjectId', () => {
    expect(edgeIdsOf(BSON.serialize({ user }))).toBeNull();
    expect(edgeIdsOf(BSON.serialize({ user, friend: friend.toHexString() }))).toBeNull();
    expect(edgeIdsOf(BSON.serialize({}))).toBeNull();
  });
});
