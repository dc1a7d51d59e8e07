/**
 * The unified format's CRUD operations mapped onto the Node driver's API, and the driver's
 * results converted into the shapes the format's expectations are written against.
 */
import type { Document } from 'bson';
import type { BulkWriteResult, ClientSession, Collection, Db, MongoClient } from 'mongodb';
import type { Operation } from './runner.js';

export type Entities = Map<string, unknown>;

/** An operation (or entity type) this runner does not implement: reported as a skip, not a failure. */
export class UnsupportedOperation extends Error {}

export interface OperationResult {
  value: unknown;
  /** True when `value` is the documents of an iterable result (find, aggregate, ...). */
  iterable?: boolean;
  /** Converts a partial result carried by an error (a BulkWriteError's result). */
  convert?: (x: unknown) => unknown;
}

function plainBulk(r: unknown): Document {
  const b = r as BulkWriteResult;
  const ids = (m: Record<number, unknown> | undefined): Document => {
    const out: Document = {};
    for (const [k, v] of Object.entries(m ?? {})) out[k] = v;
    return out;
  };
  return {
    deletedCount: b.deletedCount,
    insertedCount: b.insertedCount,
    insertedIds: ids(b.insertedIds),
    matchedCount: b.matchedCount,
    modifiedCount: b.modifiedCount,
    upsertedCount: b.upsertedCount,
    upsertedIds: ids(b.upsertedIds),
  };
}

function plainUpdate(r: Document): Document {
  if (r.acknowledged === false) return { acknowledged: false };
  const out: Document = { matchedCount: r.matchedCount, modifiedCount: r.modifiedCount, upsertedCount: r.upsertedCount };
  if (r.upsertedId !== null && r.upsertedId !== undefined) out.upsertedId = r.upsertedId;
  return out;
}

/** Replaces `session: "<entity id>"` by the session object; returns (options, session). */
function withSession(args: Document, entities: Entities): Document {
  const out: Document = { ...args };
  // Options such as skip/limit/batchSize must be plain numbers for the driver; documents are sent as typed.
  for (const [k, v] of Object.entries(out)) {
    const tag = (v as { _bsontype?: string } | null)?._bsontype;
    if (tag === 'Int32' || tag === 'Double') out[k] = (v as { valueOf(): number }).valueOf();
  }
  if (typeof out.session === 'string') out.session = entities.get(out.session) as ClientSession;
  return out;
}

function lowerReturnDocument(o: Document): Document {
  if (typeof o.returnDocument === 'string') o.returnDocument = o.returnDocument.toLowerCase();
  return o;
}

function entity<T>(entities: Entities, id: string): T {
  const e = entities.get(id);
  if (e === undefined) throw new UnsupportedOperation(`unknown entity ${id}`);
  return e as T;
}

async function collectionOp(c: Collection, op: Operation, a: Document): Promise<OperationResult> {
  switch (op.name) {
    case 'aggregate': {
      const { pipeline, ...o } = a;
      return { value: await c.aggregate(pipeline as Document[], o).toArray(), iterable: true };
    }
    case 'bulkWrite': {
      const { requests, ...o } = a;
      return { value: plainBulk(await c.bulkWrite(requests as never, o)), convert: plainBulk };
    }
    case 'countDocuments': {
      const { filter, ...o } = a;
      return { value: await c.countDocuments(filter as Document, o) };
    }
    case 'count': {
      const { filter, ...o } = a;
      return { value: await c.count(filter as Document, o) };
    }
    case 'estimatedDocumentCount':
      return { value: await c.estimatedDocumentCount(a) };
    case 'deleteOne':
    case 'deleteMany': {
      const { filter, ...o } = a;
      const r = await (op.name === 'deleteOne' ? c.deleteOne(filter as Document, o) : c.deleteMany(filter as Document, o));
      return { value: r.acknowledged === false ? { acknowledged: false } : { deletedCount: r.deletedCount } };
    }
    case 'distinct': {
      const { fieldName, filter, ...o } = a;
      return { value: await c.distinct(String(fieldName), (filter as Document | undefined) ?? {}, o) };
    }
    case 'find':
    case 'createFindCursor': {
      const { filter, ...o } = a;
      return { value: await c.find((filter as Document | undefined) ?? {}, o).toArray(), iterable: true };
    }
    case 'findOne': {
      const { filter, ...o } = a;
      return { value: await c.findOne((filter as Document | undefined) ?? {}, o) };
    }
    case 'findOneAndDelete': {
      const { filter, ...o } = a;
      return { value: await c.findOneAndDelete(filter as Document, o) };
    }
    case 'findOneAndReplace': {
      const { filter, replacement, ...o } = a;
      return { value: await c.findOneAndReplace(filter as Document, replacement as Document, lowerReturnDocument(o)) };
    }
    case 'findOneAndUpdate': {
      const { filter, update, ...o } = a;
      return { value: await c.findOneAndUpdate(filter as Document, update as Document, lowerReturnDocument(o)) };
    }
    case 'insertOne': {
      const { document, ...o } = a;
      const r = await c.insertOne(document as Document, o);
      return { value: r.acknowledged === false ? { acknowledged: false } : { insertedId: r.insertedId } };
    }
    case 'insertMany': {
      const { documents, ...o } = a;
      const r = await c.insertMany(documents as Document[], o);
      return {
        value: r.acknowledged === false ? { acknowledged: false } : { insertedCount: r.insertedCount, insertedIds: { ...r.insertedIds } },
        convert: plainBulk,
      };
    }
    case 'replaceOne': {
      const { filter, replacement, ...o } = a;
      return { value: plainUpdate(await c.replaceOne(filter as Document, replacement as Document, o)) };
    }
    case 'updateOne':
    case 'updateMany': {
      const { filter, update, ...o } = a;
      const r =
        op.name === 'updateOne'
          ? await c.updateOne(filter as Document, update as Document, o)
          : await c.updateMany(filter as Document, update as Document, o);
      return { value: plainUpdate(r) };
    }
    case 'createIndex': {
      const { keys, ...o } = a;
      return { value: await c.createIndex(keys as Document, o) };
    }
    case 'dropIndex': {
      const { name, ...o } = a;
      return { value: await c.dropIndex(String(name), o) };
    }
    case 'listIndexes':
      return { value: await c.listIndexes(a).toArray(), iterable: true };
    case 'drop':
      return { value: await c.drop(a) };
    case 'rename': {
      const { to, ...o } = a;
      await c.rename(String(to), o);
      return { value: undefined };
    }
    default:
      throw new UnsupportedOperation(`collection.${op.name}`);
  }
}

async function databaseOp(db: Db, op: Operation, a: Document): Promise<OperationResult> {
  switch (op.name) {
    case 'aggregate': {
      const { pipeline, ...o } = a;
      return { value: await db.aggregate(pipeline as Document[], o).toArray(), iterable: true };
    }
    case 'createCollection': {
      const { collection, ...o } = a;
      await db.createCollection(String(collection), o);
      return { value: undefined };
    }
    case 'dropCollection': {
      const { collection, ...o } = a;
      return { value: await db.dropCollection(String(collection), o) };
    }
    case 'modifyCollection': {
      const { collection, ...o } = a;
      return { value: await db.command({ collMod: collection, ...o }) };
    }
    case 'listCollections': {
      const { filter, ...o } = a;
      return { value: await db.listCollections((filter as Document | undefined) ?? {}, o).toArray(), iterable: true };
    }
    case 'listCollectionNames': {
      const { filter, ...o } = a;
      return {
        value: (await db.listCollections((filter as Document | undefined) ?? {}, { ...o, nameOnly: true }).toArray()).map((c) => c.name),
      };
    }
    case 'runCommand': {
      const { command, commandName: _n, ...o } = a;
      return { value: await db.command(command as Document, o) };
    }
    default:
      throw new UnsupportedOperation(`database.${op.name}`);
  }
}

async function testRunnerOp(op: Operation, a: Document, internal: MongoClient): Promise<OperationResult> {
  const coll = async (): Promise<boolean> =>
    (await internal.db(String(a.databaseName)).listCollections({ name: a.collectionName }, { nameOnly: true }).toArray()).length > 0;
  const index = async (): Promise<boolean> =>
    (
      await internal
        .db(String(a.databaseName))
        .collection(String(a.collectionName))
        .listIndexes()
        .toArray()
        .catch(() => [])
    ).some((i) => i.name === a.indexName);
  const check = (ok: boolean, what: string): OperationResult => {
    if (!ok) throw new Error(`assertion failed: ${what}`);
    return { value: undefined };
  };
  switch (op.name) {
    case 'assertCollectionExists':
      return check(await coll(), `collection ${String(a.collectionName)} exists`);
    case 'assertCollectionNotExists':
      return check(!(await coll()), `collection ${String(a.collectionName)} does not exist`);
    case 'assertIndexExists':
      return check(await index(), `index ${String(a.indexName)} exists`);
    case 'assertIndexNotExists':
      return check(!(await index()), `index ${String(a.indexName)} does not exist`);
    default:
      throw new UnsupportedOperation(`testRunner.${op.name}`);
  }
}

export async function runOperation(op: Operation, entities: Entities, internal: MongoClient): Promise<OperationResult> {
  const a = withSession(op.arguments ?? {}, entities);
  if (op.object === 'testRunner') return testRunnerOp(op, a, internal);
  const target = entity<unknown>(entities, op.object);
  const kind = (target as { constructor?: { name?: string } }).constructor?.name;
  if (kind === 'Collection') return collectionOp(target as Collection, op, a);
  if (kind === 'Db') return databaseOp(target as Db, op, a);
  if (kind === 'MongoClient') {
    if (op.name === 'listDatabases')
      return { value: (await (target as MongoClient).db('admin').admin().listDatabases(a)).databases, iterable: true };
    throw new UnsupportedOperation(`client.${op.name}`);
  }
  throw new UnsupportedOperation(`${String(kind)}.${op.name}`);
}
