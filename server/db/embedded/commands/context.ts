import type { Document } from 'bson';
import type { Engine } from '../engine.js';
import type { CommandRequest } from '../wire-protocol.js';
import { takeBatch, type ResultItem } from '../cursors.js';
import { cursorReply } from '../raw-bson.js';
import { badValue } from '../errors.js';
import { toNumber } from '../bson-values.js';

export interface CommandContext {
  engine: Engine;
  db: string;
  req: CommandRequest;
  connectionId: number;
}

/** A reply document, or its already-encoded BSON bytes. */
export type CommandReply = Document | Uint8Array;
export type CommandHandler = (cmd: Document, ctx: CommandContext) => CommandReply | Promise<CommandReply>;

export function optInt(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  if (!Number.isFinite(n)) throw badValue(`${field} must be a number`);
  return Math.trunc(n);
}

export function toCursorId(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (v && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'Long')
    return BigInt((v as { toString(): string }).toString());
  throw badValue('cursor id must be a number');
}

/** Builds a first-batch cursor reply and registers a server cursor for the remainder. */
export function firstBatchReply(
  ctx: CommandContext,
  ns: string,
  items: ResultItem[],
  batchSize: number | undefined,
  singleBatch = false,
): Uint8Array {
  const state = { pos: 0 };
  const batch = batchSize === 0 ? [] : takeBatch(items, state, batchSize ?? 101);
  let id = 0n;
  if (!singleBatch && state.pos < items.length) id = ctx.engine.cursors.open(ns, items, state.pos);
  return cursorReply('firstBatch', batch, id, ns);
}
