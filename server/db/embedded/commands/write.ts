/**
 * Writes: insert, update, delete, findAndModify. Each command commits in one lmdb transaction and is
 * answered once it is on disk, unless its write concern says `j: false` (then at once, on disk with
 * the next transaction: Persistence.commit).
 */
import { ObjectId, serialize, type Document } from 'bson';
import { idKey, isPlainObject } from '../bson-values.js';
import { decodeDoc, decodeForUpdate, type Collection, type WriteOp } from '../collection.js';
import { validateCollectionName } from '../engine.js';
import { ErrorCodes, MongoServerError, toServerError } from '../errors.js';
import { applyUpdate, compileFilter, isReplacement, project, upsertSeed, validateUpdate } from '../matcher.js';
import { parseSort } from '../query-planner.js';
import { patchRaw } from '../raw-update.js';
import { docElement, documentOf, doubleElement, extractRawArray, nullElement } from '../raw-bson.js';
import type { DocEntry } from '../types.js';
import type { CommandContext, CommandHandler } from './context.js';
import { checkCollation, DELETE_STATEMENT_FIELDS, letVariables, rejectUnknown, UPDATE_STATEMENT_FIELDS } from './options.js';

function immutableId(): MongoServerError {
  return new MongoServerError(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
}

/** Drops `$set: { _id: <same value> }`; any other operator on _id is an immutable-field error. */
function stripIdNoop(u: Document, key: string): Document {
  let out = u;
  for (const [op, arg] of Object.entries(u)) {
    if (!isPlainObject(arg)) continue;
    for (const [path, v] of Object.entries(arg)) {
      const touchesId = path === '_id' || path.startsWith('_id.') || (op === '$rename' && (v === '_id' || String(v).startsWith('_id.')));
      if (!touchesId) continue;
      if ((op === '$set' || op === '$setOnInsert') && path === '_id' && idKey(v) === key) {
        const { _id: _same, ...rest } = arg;
        out = { ...out, [op]: rest };
        continue;
      }
      throw immutableId();
    }
  }
  return out;
}

type Prepared = { bytes: Uint8Array; doc: Document };

/** Computes the updated version of `entry` (or null when the update changes nothing). */
function updatedEntry(
  coll: Collection,
  entry: DocEntry,
  u: Document | Document[],
  arrayFilters: Document[] | undefined,
  filter: Document | undefined,
  variables?: Document,
): Prepared | null {
  let next: Document;
  if (!Array.isArray(u) && isReplacement(u)) {
    if (u._id !== undefined && idKey(u._id) !== entry.key) {
      throw new MongoServerError(
        ErrorCodes.ImmutableField,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${String(u._id)}`,
      );
    }
    const { _id: _ignored, ...rest } = u;
    next = { _id: entry.id, ...rest };
  } else {
    if (!Array.isArray(u)) u = stripIdNoop(u, entry.key);
    try {
      next = applyUpdate(decodeForUpdate(entry.raw), u, { arrayFilters, filter, inserting: false, variables });
    } catch (err) {
      // Long-typed fields can trip mingo's arithmetic; retry on the promoted view.
      if (err instanceof MongoServerError && err.code !== ErrorCodes.BadValue) throw err;
      next = applyUpdate(decodeDoc(entry.raw), u, { arrayFilters, filter, inserting: false, variables });
    }
    if (next._id === undefined || idKey(next._id) !== entry.key) throw immutableId();
  }
  const ne = coll.prepareDoc(next);
  if (Buffer.compare(ne.bytes, entry.raw) === 0) return null;
  return ne;
}

/**
 * Applies `u` to `entry` through raw-update.ts when it can (a `$set`/`$inc` of fields no index reads,
 * keeping their type and size): answers whether the document changed, or undefined when the general
 * path (updatedEntry, then Collection.replace) must run.
 */
function rewroteInPlace(
  coll: Collection,
  entry: DocEntry,
  u: Document | Document[],
  arrayFilters: Document[] | undefined,
  ops: WriteOp[],
): boolean | undefined {
  if (Array.isArray(u) || arrayFilters) return undefined;
  const bytes = patchRaw(entry.raw, u, (field) => coll.indexReads(field));
  if (bytes === undefined) return undefined;
  if (bytes === null) return false;
  coll.rewrite(entry, bytes, ops);
  return true;
}

/** Builds and inserts the document for an upsert that matched nothing. */
function upsertEntry(
  coll: Collection,
  filter: Document | undefined,
  u: Document | Document[],
  arrayFilters: Document[] | undefined,
  ops: WriteOp[],
  variables?: Document,
): DocEntry {
  const seed = upsertSeed(filter);
  let doc: Document;
  if (!Array.isArray(u) && isReplacement(u)) {
    if (u._id !== undefined && seed._id !== undefined && idKey(u._id) !== idKey(seed._id)) throw immutableId();
    doc = { _id: (u._id as unknown) ?? (seed._id as unknown) ?? new ObjectId(), ...u };
  } else {
    doc = applyUpdate(seed, u, { arrayFilters, inserting: true, variables });
    if (seed._id !== undefined && (doc._id === undefined || idKey(doc._id) !== idKey(seed._id))) throw immutableId();
  }
  return coll.insert(coll.prepareDoc(doc), ops);
}

/** Whether the command waits for its transaction: all do, except those sent with `writeConcern: { j: false }`. */
export function journaled(cmd: Document): boolean {
  const wc: unknown = cmd.writeConcern;
  return !(isPlainObject(wc) && wc.j === false);
}

/**
 * Runs a write command's statements in order, as MongoDB does: a failing statement becomes a write
 * error at its index (an ordered batch stops there, an unordered one goes on), and what the others
 * did is committed together. Answers the write errors.
 */
async function eachStatement<T>(
  ctx: CommandContext,
  batch: readonly T[],
  ordered: boolean,
  ops: WriteOp[],
  apply: (statement: T, index: number) => void,
): Promise<Document[]> {
  const writeErrors: Document[] = [];
  for (let i = 0; i < batch.length; i++) {
    try {
      apply(batch[i]!, i);
    } catch (err) {
      writeErrors.push(toServerError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  await ctx.engine.commit(ops, journaled(ctx.req.body));
  return writeErrors;
}

const insert: CommandHandler = async (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.insert);
  const seq = ctx.req.sequences.get('documents');
  const raws =
    seq ??
    extractRawArray(ctx.req.bodyRaw, 'documents') ??
    (Array.isArray(cmd.documents) ? (cmd.documents as Document[]).map((d) => Buffer.from(serialize(d))) : []);
  const ordered = cmd.ordered !== false;
  const ops: WriteOp[] = [];
  const coll = ctx.engine.ensure(ctx.db, name, ops);
  let n = 0;
  const writeErrors = await eachStatement(ctx, raws, ordered, ops, (raw) => {
    coll.insert(coll.prepareRaw(raw), ops);
    n++;
  });
  return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
};

function statements(cmd: Document, ctx: CommandContext, field: string): Document[] {
  const seq = ctx.req.sequences.get(field);
  if (seq) return seq.map((b) => decodeDoc(b));
  const v: unknown = cmd[field];
  if (!Array.isArray(v)) throw new MongoServerError(ErrorCodes.FailedToParse, `BSON field '${field}' is missing but a required field`);
  return v as Document[];
}

/**
 * What `update` and `delete` read before running a statement, in this order: the collection's name,
 * the statements, the `let` variables, and then each statement's fields. Like MongoDB's command
 * parser, an unknown field fails the whole command before any statement runs.
 */
function writeBatch(cmd: Document, ctx: CommandContext, command: 'update' | 'delete', allowed: ReadonlySet<string>) {
  const field = command === 'update' ? 'updates' : 'deletes';
  const name = validateCollectionName(ctx.db, cmd[command]);
  const stmts = statements(cmd, ctx, field);
  const variables = letVariables(cmd.let);
  for (const s of stmts) if (isPlainObject(s)) rejectUnknown(s, `${command}.${field}`, allowed, false);
  return { name, stmts, variables };
}

const update: CommandHandler = async (cmd, ctx) => {
  const { name, stmts, variables: cmdVars } = writeBatch(cmd, ctx, 'update', UPDATE_STATEMENT_FIELDS);
  const ordered = cmd.ordered !== false;
  const ops: WriteOp[] = [];
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = await eachStatement(ctx, stmts, ordered, ops, (s, i) => {
    checkCollation(s.collation);
    const q = (s.q ?? {}) as Document;
    const u = s.u as Document | Document[];
    validateUpdate(u);
    // `c` holds constants for a pipeline update; they join the command's `let` variables.
    const variables = isPlainObject(s.c) ? { ...cmdVars, ...letVariables(s.c) } : cmdVars;
    const multi = s.multi === true;
    if (multi && !Array.isArray(u) && isReplacement(u)) {
      throw new MongoServerError(ErrorCodes.FailedToParse, 'multi update is not supported for replacement-style update');
    }
    const arrayFilters = Array.isArray(s.arrayFilters) ? (s.arrayFilters as Document[]) : undefined;
    const existing = ctx.engine.get(ctx.db, name);
    const matches = existing ? existing.find(q, { limit: multi ? 0 : 1, variables }).entries : [];
    if (matches.length === 0) {
      if (s.upsert === true) {
        const coll = ctx.engine.ensure(ctx.db, name, ops);
        const e = upsertEntry(coll, q, u, arrayFilters, ops, variables);
        upserted.push({ index: i, _id: e.id });
        n++;
      }
      return;
    }
    for (const e of matches) {
      n++;
      const rewrote = rewroteInPlace(existing!, e, u, arrayFilters, ops);
      if (rewrote !== undefined) {
        if (rewrote) nModified++;
        continue;
      }
      const ne = updatedEntry(existing!, e, u, arrayFilters, q, variables);
      if (ne) {
        existing!.replace(e, ne, ops);
        nModified++;
      }
    }
  });
  const reply: Document = { n, nModified };
  if (upserted.length) reply.upserted = upserted;
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
};

const del: CommandHandler = async (cmd, ctx) => {
  const { name, stmts, variables } = writeBatch(cmd, ctx, 'delete', DELETE_STATEMENT_FIELDS);
  const ordered = cmd.ordered !== false;
  const ops: WriteOp[] = [];
  let n = 0;
  const coll = ctx.engine.get(ctx.db, name);
  const writeErrors = await eachStatement(ctx, stmts, ordered, ops, (s) => {
    checkCollation(s.collation);
    const limit = Number(s.limit ?? 0);
    if (limit !== 0 && limit !== 1)
      throw new MongoServerError(ErrorCodes.FailedToParse, 'The limit field in delete objects must be 0 or 1. Got ' + limit);
    if (!coll) {
      if (isPlainObject(s.q)) compileFilter(s.q, variables);
      return;
    }
    const { entries } = coll.find((s.q ?? {}) as Document, { limit, variables });
    for (const e of entries) {
      coll.delete(e, ops);
      n++;
    }
  });
  return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
};

const findAndModify: CommandHandler = async (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.findAndModify ?? cmd.findandmodify);
  const query = (cmd.query ?? {}) as Document;
  const sort = parseSort(cmd.sort);
  const remove = cmd.remove === true;
  const u = cmd.update as Document | Document[] | undefined;
  if (!remove && u === undefined) throw new MongoServerError(ErrorCodes.FailedToParse, 'Either an update or remove=true must be specified');
  if (remove && (u !== undefined || cmd.upsert === true || cmd.new === true)) {
    throw new MongoServerError(ErrorCodes.FailedToParse, 'Cannot specify both an update and remove=true');
  }
  if (u !== undefined) validateUpdate(u);
  checkCollation(cmd.collation);
  const variables = letVariables(cmd.let);
  const arrayFilters = Array.isArray(cmd.arrayFilters) ? (cmd.arrayFilters as Document[]) : undefined;
  const ops: WriteOp[] = [];
  const existing = ctx.engine.get(ctx.db, name);
  const found = existing?.find(query, { sort, limit: 1, variables }).entries[0];
  // The bytes answered: a view of the stored version meant (the arena never overwrites it).
  let value: Uint8Array | null = null;
  const leo: Document = {};
  if (remove) {
    if (found) {
      existing.delete(found, ops);
      value = found.raw;
    }
    leo.n = found ? 1 : 0;
  } else if (found) {
    const before = found.raw;
    let stored = found;
    if (rewroteInPlace(existing, found, u!, arrayFilters, ops) === undefined) {
      const ne = updatedEntry(existing, found, u!, arrayFilters, query, variables);
      if (ne) stored = existing.replace(found, ne, ops);
    }
    value = cmd.new === true ? stored.raw : before;
    leo.n = 1;
    leo.updatedExisting = true;
  } else if (cmd.upsert === true) {
    const coll = ctx.engine.ensure(ctx.db, name, ops);
    const e = upsertEntry(coll, query, u!, arrayFilters, ops, variables);
    value = cmd.new === true ? e.raw : null;
    leo.n = 1;
    leo.updatedExisting = false;
    leo.upserted = e.id;
  } else {
    leo.n = 0;
    leo.updatedExisting = false;
  }
  await ctx.engine.commit(ops, journaled(cmd));
  const fields: unknown = cmd.fields ?? cmd.projection;
  let valueBytes = value;
  if (value && isPlainObject(fields) && Object.keys(fields).length > 0) valueBytes = serialize(project([decodeDoc(value)], fields)[0]!);
  return documentOf([
    docElement('lastErrorObject', serialize(leo)),
    valueBytes ? docElement('value', valueBytes) : nullElement('value'),
    doubleElement('ok', 1),
  ]);
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
};
