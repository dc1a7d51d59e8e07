/**
 * `Idempotency-Key` for creating requests: the same key from the same user within 24 h gets the
 * same answer (status and body) and creates nothing twice. A duplicate that arrives while the first
 * is still running waits for its answer; a key reused for a different request is a conflict.
 *
 * Why: a client whose keep-alive connection was reset cannot know whether its POST was applied;
 * with a key it can simply send it again.
 */
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { conflict, invalid } from '../../errors.js';
import { idempotencyModel, idempotencyWindowSeconds, type IdempotencyRecord } from './model.js';
import { isDuplicateKey } from '../../db/duplicate-key.js';
import { maxJsonDepth } from '../json-body.js';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type Claim =
  | { readonly kind: 'first'; finish(answer: StoredAnswer): Promise<void>; abandon(): Promise<void> }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer };

export interface IdempotencyStore {
  /** Claims `key` for this request, or hands back the answer an earlier one got (waiting for it if needed). */
  claim(userId: string, key: string, fingerprint: string): Promise<Claim>;
  /** The answer already kept for this key and request, if any (read only: never stores a record). */
  finished(userId: string, key: string, fingerprint: string): Promise<StoredAnswer | null>;
  /** How many keys are kept now, all users together (a metric). */
  count(): Promise<number>;
}

export interface IdempotencyOptions {
  /** How long a duplicate waits for the first request's answer before answering 409. */
  readonly waitMs?: number;
  readonly pollMs?: number;
}

/** Visible ASCII, as the IETF draft's examples (UUIDs, random strings); bounded. */
const keyPattern = /^[\x21-\x7e]{1,255}$/;

export function validIdempotencyKey(key: string): string {
  if (!keyPattern.test(key)) throw invalid('Idempotency-Key must be 1–255 visible ASCII characters', { 'Idempotency-Key': 'invalid' });
  return key;
}

/** What makes two requests "the same": method, path and the parsed body (key order ignored). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('base64url');
}

/**
 * JSON with object keys sorted. Depth-bounded: bodies reach here already held to `maxJsonDepth`
 * (json-body.ts), and anything deeper is refused as invalid rather than overflowing the stack (a
 * 500 before, issue #26).
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > maxJsonDepth) throw invalid(`the body nests deeper than ${maxJsonDepth} levels`);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The claim and the kept answer are acknowledged once the store has them, before its next commit
 * (`j: false`; the embedded store's Persistence.commit, MongoDB's lazy journal), which saves a
 * transaction and its wait on each of the two writes every keyed POST makes. Why that is safe:
 * - the claim: the store commits in order, so it is on disk whenever anything the request wrote
 *   after it is. Lost in a crash, it guarded nothing durable yet, and the client's retry runs afresh.
 * - the answer: keeping it was already allowed to fail (the client gets its answer anyway and a retry
 *   answers 409, see `runOnce`); a crash before its commit (≤ 100 ms) is the same case.
 */
const lazily = { writeConcern: { w: 1, j: false } } as const;

export function createIdempotencyStore(conn: Connection, options: IdempotencyOptions = {}): IdempotencyStore {
  const Keys = idempotencyModel(conn);
  // The same collection, typed for the driver's calls (string ids, not ObjectIds).
  const raw = conn.collection<IdempotencyRecord>(Keys.collection.collectionName);
  const waitMs = options.waitMs ?? 15_000;
  const pollMs = options.pollMs ?? 50;

  async function existing(id: string): Promise<IdempotencyRecord | null> {
    return Keys.findById(id).lean<IdempotencyRecord>().exec();
  }

  return {
    async finished(userId, key, fingerprint) {
      const record = await existing(`${userId}:${key}`);
      if (!record || record.state !== 'done' || record.fingerprint !== fingerprint) return null;
      if (Date.now() - record.createdAt.getTime() > idempotencyWindowSeconds * 1000) return null;
      return { status: record.status ?? 200, body: record.body };
    },
    count: () => Keys.estimatedDocumentCount().exec(),
    async claim(userId, key, fingerprint) {
      const id = `${userId}:${key}`;
      const deadline = Date.now() + waitMs;
      for (;;) {
        try {
          // Through the driver (no mongoose document to build and validate for a fixed shape), and
          // journaled lazily (`lazily`): the claim reaches disk with the request's own first write.
          await raw.insertOne({ _id: id, fingerprint, state: 'pending', createdAt: new Date() }, lazily);
          return {
            kind: 'first',
            finish: async (answer) => {
              // The answer as the client reads it (JSON: no undefined fields, no Dates), so a replay is the same.
              const body: unknown = answer.body === undefined ? undefined : JSON.parse(JSON.stringify(answer.body));
              await raw.updateOne(
                { _id: id },
                { $set: { state: 'done', status: answer.status, ...(body === undefined ? {} : { body }) } },
                lazily,
              );
            },
            // The request failed: no answer is kept, so the client's retry runs it afresh.
            abandon: async () => {
              await Keys.deleteOne({ _id: id, state: 'pending' }).exec();
            },
          };
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
        const record = await existing(id);
        if (!record) continue; // the first one failed and let go of the key meanwhile: claim it
        if (record.fingerprint !== fingerprint) throw conflict('this Idempotency-Key was already used for a different request');
        // A record past the window is about to be swept by the TTL index; treat it as gone.
        if (Date.now() - record.createdAt.getTime() > idempotencyWindowSeconds * 1000) {
          await Keys.deleteOne({ _id: id, createdAt: record.createdAt }).exec();
          continue;
        }
        if (record.state === 'done') return { kind: 'replay', answer: { status: record.status ?? 200, body: record.body } };
        if (Date.now() > deadline) throw conflict('a request with this Idempotency-Key is still in progress; retry later');
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
  };
}
