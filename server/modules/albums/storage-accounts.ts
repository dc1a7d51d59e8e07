/**
 * Per-user counters that limits are checked against: photo bytes in use (the tier's quota) and
 * albums owned. Check and count are one conditional `$inc`, so parallel uploads cannot overshoot;
 * callers give back what they reserved when the rest of their write fails.
 */
import type { Connection } from 'mongoose';
import { conflict, tooLarge } from '../../errors.js';
import { storageModel } from './model.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';

export function createStorageAccounts(conn: Connection) {
  const storage = storageModel(conn);

  async function ensure(userId: string): Promise<void> {
    try {
      await storage.updateOne({ _id: userId }, { $setOnInsert: { used: 0, albums: 0 } }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // a parallel first upload made it
    }
  }

  return {
    /** Bytes in use by `userId`'s photos. */
    async used(userId: string): Promise<number> {
      return (await storage.findById(userId).lean<{ used: number }>())?.used ?? 0;
    },

    /** Reserves `bytes` under `quota`, or throws 413 leaving the counter unchanged. */
    async reserveBytes(userId: string, bytes: number, quota: number): Promise<void> {
      await ensure(userId);
      const ok = await storage.findOneAndUpdate(
        { _id: userId, used: { $lte: quota - bytes } },
        { $inc: { used: bytes } },
        { returnDocument: 'after', projection: { _id: 1 } },
      );
      if (!ok) throw tooLarge('this photo does not fit in your storage quota');
    },

    /** Gives bytes back (a failed upload, a deleted photo). */
    async releaseBytes(userId: string, bytes: number): Promise<void> {
      if (bytes > 0) await storage.updateOne({ _id: userId }, { $inc: { used: -bytes } });
    },

    /** Takes one album slot under `limit`, or throws 409. */
    async reserveAlbum(userId: string, limit: number): Promise<void> {
      await ensure(userId);
      const ok = await storage.findOneAndUpdate(
        { _id: userId, albums: { $lt: limit } },
        { $inc: { albums: 1 } },
        { returnDocument: 'after', projection: { _id: 1 } },
      );
      if (!ok) throw conflict(`at most ${limit} albums per user`);
    },

    async releaseAlbum(userId: string): Promise<void> {
      await storage.updateOne({ _id: userId }, { $inc: { albums: -1 } });
    },
  };
}

export type StorageAccounts = ReturnType<typeof createStorageAccounts>;
