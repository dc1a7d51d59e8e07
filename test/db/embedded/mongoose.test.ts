/** A mongoose model round-trip against the embedded store (and a real MongoDB when MONGODB_URI is set). */
import mongoose, { Schema, type Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, targetKinds, type Target } from './target.js';

interface User {
  username: string;
  karma: number;
  createdAt: Date;
}
interface Post {
  author: Types.ObjectId;
  body: string;
  likes: number;
  createdAt: Date;
}

describe.each(targetKinds)('mongoose against %s', (kind) => {
  let target: Target;
  let conn: mongoose.Connection;

  beforeAll(async () => {
    target = await startTarget(kind, 'mongoose');
    conn = await mongoose.createConnection(target.uri).asPromise();
  });

  afterAll(async () => {
    if (kind === 'mongodb') await conn.dropDatabase();
    await conn.close();
    await target.close();
  });

  it('round-trips models with indexes, $inc, countDocuments and populate', async () => {
    const userSchema = new Schema<User>({
      username: { type: String, required: true, unique: true },
      karma: { type: Number, default: 0 },
      createdAt: { type: Date, default: () => new Date() },
    });
    const postSchema = new Schema<Post>({
      author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      body: String,
      likes: { type: Number, default: 0 },
      createdAt: { type: Date, default: () => new Date() },
    });
    postSchema.index({ author: 1, createdAt: -1, _id: -1 });
    const UserModel = conn.model<User>('User', userSchema);
    const PostModel = conn.model<Post>('Post', postSchema);
    await UserModel.init();
    await PostModel.init();

    const indexes = await PostModel.collection.listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toContain('author_1_createdAt_-1__id_-1');

    const ann = await UserModel.create({ username: 'ann' });
    const bo = await UserModel.create({ username: 'bo' });
    await expect(UserModel.create({ username: 'ann' })).rejects.toMatchObject({ code: 11000 });

    const posts = await PostModel.insertMany(
      Array.from({ length: 30 }, (_, i) => ({
        author: i % 3 === 0 ? bo._id : ann._id,
        body: `p${i}`,
        createdAt: new Date(1_000_000 + i * 1000),
      })),
    );
    expect(posts).toHaveLength(30);

    const updated = await UserModel.findOneAndUpdate({ username: 'ann' }, { $inc: { karma: 5 } }, { new: true }).lean();
    expect(updated?.karma).toBe(5);
    await UserModel.updateOne({ _id: ann._id }, { $inc: { karma: -2 } });
    expect((await UserModel.findById(ann._id).lean())?.karma).toBe(3);

    expect(await PostModel.countDocuments({ author: ann._id })).toBe(20);
    expect(await PostModel.countDocuments()).toBe(30);
    expect(await PostModel.estimatedDocumentCount()).toBe(30);

    const feed = await PostModel.find({ author: { $in: [ann._id, bo._id] }, createdAt: { $lt: new Date(1_000_000 + 25_000) } })
      .sort({ createdAt: -1, _id: -1 })
      .limit(5)
      .populate<{ author: User }>('author')
      .lean();
    expect(feed.map((p) => p.body)).toEqual(['p24', 'p23', 'p22', 'p21', 'p20']);
    expect(feed[0]!.author.username).toBe('bo');
    expect(feed[1]!.author.username).toBe('ann');

    const doc = await PostModel.findOne({ body: 'p7' });
    expect(doc).not.toBeNull();
    doc!.likes += 2;
    await doc!.save();
    expect((await PostModel.findById(doc!._id).lean())?.likes).toBe(2);

    const del = await PostModel.deleteMany({ author: bo._id });
    expect(del.deletedCount).toBe(10);
    const agg = await PostModel.aggregate<{ _id: Types.ObjectId; n: number }>([{ $group: { _id: '$author', n: { $sum: 1 } } }]);
    expect(agg).toHaveLength(1);
    expect(String(agg[0]!._id)).toBe(String(ann._id));
  });
});
