/**
 * The schema of an edge between two ids, with when it was made: blocks, friendships, special care,
 * likes and visits are each one document per ordered pair. The unique index on the pair makes
 * writing one idempotent and race-free, on one node and across nodes (of two simultaneous inserts,
 * one wins); each model adds the indexes its own reads need.
 */
import { Schema, type Types } from 'mongoose';

export type PairRecord<From extends string, To extends string, At extends string> = { readonly _id: Types.ObjectId } & {
  readonly [K in From | To]: Types.ObjectId;
} & { readonly [K in At]: Date };

export function pairSchema<From extends string, To extends string, At extends string>(
  from: From,
  to: To,
  at: At,
): Schema<PairRecord<From, To, At>> {
  const schema = new Schema<PairRecord<From, To, At>>(
    {
      [from]: { type: Schema.Types.ObjectId, required: true },
      [to]: { type: Schema.Types.ObjectId, required: true },
      [at]: { type: Date, required: true },
    } as never,
    { strict: 'throw', versionKey: false },
  );
  schema.index({ [from]: 1, [to]: 1 }, { unique: true });
  return schema;
}
