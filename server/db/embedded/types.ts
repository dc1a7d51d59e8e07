import type { Document } from 'bson';

/** One stored document: its exact BSON bytes plus the deserialized view used for matching. */
export interface DocEntry {
  /** Canonical string form of _id (see idKey). */
  readonly key: string;
  readonly id: unknown;
  readonly raw: Buffer;
  readonly doc: Document;
}

export interface IndexSpec {
  v?: number;
  key: Record<string, number>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: Document;
}

export type SortSpec = Array<[field: string, dir: 1 | -1]>;
