/** Catalog commands: collections, databases and indexes. */
import { serialize, type Document } from 'bson';
import { isPlainObject } from '../bson-values.js';
import type { WriteOp } from '../collection.js';
import { validateCollectionName } from '../engine.js';
import { badValue, ErrorCodes, MongoServerError } from '../errors.js';
import { indexNameFor } from '../indexes.js';
import { compileFilter } from '../matcher.js';
import type { IndexSpec } from '../types.js';
import { checkCollation, isGenericField } from './options.js';
import { firstBatchReply, type CommandHandler } from './context.js';

function nsNotFound(ns: string): MongoServerError {
  return new MongoServerError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ns}`);
}

function normalizeIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new MongoServerError(ErrorCodes.FailedToParse, "The field 'key' must be a non-empty object");
  }
  const key: Record<string, number> = {};
  for (const [f, d] of Object.entries(raw.key)) {
    const n = typeof d === 'number' ? d : Number.NaN;
    if (n !== 1 && n !== -1) {
      throw new MongoServerError(
        ErrorCodes.CannotCreateIndex,
        `Index type ${JSON.stringify(d)} on field '${f}' is not supported by the embedded store (only ascending/descending indexes)`,
      );
    }
    key[f] = n;
  }
  checkCollation(raw.collation);
  const spec: IndexSpec = { v: 2, key, name: typeof raw.name === 'string' ? raw.name : indexNameFor(key) };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (raw.expireAfterSeconds !== undefined) {
    const s = Number(raw.expireAfterSeconds);
    if (!Number.isFinite(s) || s < 0) throw badValue('expireAfterSeconds must be a non-negative number');
    spec.expireAfterSeconds = s;
  }
  if (raw.partialFilterExpression !== undefined) {
    if (!isPlainObject(raw.partialFilterExpression)) throw badValue('partialFilterExpression must be an object');
    compileFilter(raw.partialFilterExpression);
    spec.partialFilterExpression = raw.partialFilterExpression;
  }
  return spec;
}

function sameSpec(a: IndexSpec, b: IndexSpec): boolean {
  return (
    JSON.stringify(a.key) === JSON.stringify(b.key) &&
    !!a.unique === !!b.unique &&
    !!a.sparse === !!b.sparse &&
    a.expireAfterSeconds === b.expireAfterSeconds
  );
}

const createIndexes: CommandHandler = async (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.createIndexes);
  if (!Array.isArray(cmd.indexes) || cmd.indexes.length === 0)
    throw new MongoServerError(ErrorCodes.FailedToParse, 'Must specify at least one index to create');
  const specs = cmd.indexes.map(normalizeIndexSpec);
  const ops: WriteOp[] = [];
  const created = !ctx.engine.get(ctx.db, name);
  const coll = ctx.engine.ensure(ctx.db, name, ops);
  const before = coll.indexes.size;
  let made = 0;
  try {
    for (const spec of specs) {
      const byName = coll.indexes.get(spec.name);
      if (byName) {
        if (sameSpec(byName.spec, spec)) continue;
        if (JSON.stringify(byName.spec.key) === JSON.stringify(spec.key)) {
          throw new MongoServerError(
            ErrorCodes.IndexOptionsConflict,
            `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName.spec)}`,
          );
        }
        throw new MongoServerError(
          ErrorCodes.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName.spec)}`,
        );
      }
      const byKey = [...coll.indexes.values()].find(
        (i) => JSON.stringify(i.spec.key) === JSON.stringify(spec.key) && !i.isPartial && !spec.partialFilterExpression,
      );
      if (byKey) {
        throw new MongoServerError(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${byKey.name}`);
      }
      coll.createIndex(spec);
      made++;
    }
  } finally {
    if (made > 0 || created) ops.push({ type: 'meta', ns: coll.ns, value: coll.metaBytes() });
    await ctx.engine.commit(ops);
  }
  const reply: Document = { numIndexesBefore: before, numIndexesAfter: coll.indexes.size, createdCollectionAutomatically: created };
  if (made === 0) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
};

const listIndexes: CommandHandler = (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.listIndexes);
  const coll = ctx.engine.get(ctx.db, name);
  if (!coll) throw nsNotFound(`${ctx.db}.${name}`);
  const items = [...coll.indexes.values()].map((i) => serialize(i.spec));
  return firstBatchReply(ctx, coll.ns, items, isPlainObject(cmd.cursor) ? (cmd.cursor.batchSize as number | undefined) : undefined);
};

const dropIndexes: CommandHandler = async (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.dropIndexes ?? cmd.deleteIndexes);
  const coll = ctx.engine.get(ctx.db, name);
  if (!coll) throw nsNotFound(`${ctx.db}.${name}`);
  const was = coll.indexes.size;
  const target: unknown = cmd.index;
  let names: string[];
  if (target === '*') names = [...coll.indexes.keys()].filter((n) => n !== '_id_');
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (isPlainObject(target)) {
    const ix = [...coll.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(target));
    if (!ix) throw new MongoServerError(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
    names = [ix.name];
  } else throw badValue('invalid index argument');
  for (const n of names) {
    if (n === '_id_') throw new MongoServerError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
    if (!coll.indexes.has(n)) throw new MongoServerError(ErrorCodes.IndexNotFound, `index not found with name [${n}]`);
  }
  for (const n of names) coll.indexes.delete(n);
  await ctx.engine.commit([{ type: 'meta', ns: coll.ns, value: coll.metaBytes() }]);
  return { nIndexesWas: was, ok: 1 };
};

const listCollections: CommandHandler = (cmd, ctx) => {
  const nameOnly = cmd.nameOnly === true;
  let infos: Document[] = ctx.engine.collections(ctx.db).map((c) =>
    nameOnly
      ? { name: c.name, type: 'collection' }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
  const match = compileFilter(isPlainObject(cmd.filter) ? cmd.filter : undefined);
  if (match) infos = infos.filter(match);
  infos.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return firstBatchReply(
    ctx,
    `${ctx.db}.$cmd.listCollections`,
    infos,
    isPlainObject(cmd.cursor) ? (cmd.cursor.batchSize as number | undefined) : undefined,
  );
};

const listDatabases: CommandHandler = (cmd, ctx) => {
  let dbs: Document[] = ctx.engine.databases().map((name) => {
    const size = ctx.engine.collections(name).reduce((s, c) => s + [...c.docs.values()].reduce((t, e) => t + e.raw.length, 0), 0);
    return cmd.nameOnly === true ? { name } : { name, sizeOnDisk: size, empty: size === 0 };
  });
  const match = compileFilter(isPlainObject(cmd.filter) ? cmd.filter : undefined);
  if (match) dbs = dbs.filter(match);
  const reply: Document = { databases: dbs };
  if (cmd.nameOnly !== true) reply.totalSize = dbs.reduce((s, d) => s + Number(d.sizeOnDisk ?? 0), 0);
  reply.ok = 1;
  return reply;
};

const create: CommandHandler = async (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.create);
  if (cmd.viewOn !== undefined || cmd.pipeline !== undefined) {
    // A view would otherwise become an empty ordinary collection, answering every read wrongly.
    throw new MongoServerError(ErrorCodes.CommandNotSupported, 'views are not supported by the embedded store');
  }
  if (cmd.timeseries !== undefined || cmd.clusteredIndex !== undefined || cmd.encryptedFields !== undefined) {
    throw new MongoServerError(
      ErrorCodes.CommandNotSupported,
      'timeseries, clustered and encrypted collections are not supported by the embedded store',
    );
  }
  checkCollation(cmd.collation);
  if (ctx.engine.get(ctx.db, name)) throw new MongoServerError(ErrorCodes.NamespaceExists, `Collection ${ctx.db}.${name} already exists.`);
  const options: Document = {};
  // What is left after the command's name and its generic fields is the collection's options.
  for (const [k, v] of Object.entries(cmd)) if (k !== 'create' && !isGenericField(k)) options[k] = v as unknown;
  const ops: WriteOp[] = [];
  ctx.engine.ensure(ctx.db, name, ops, options);
  await ctx.engine.commit(ops);
  return { ok: 1 };
};

const drop: CommandHandler = async (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.drop);
  const coll = ctx.engine.get(ctx.db, name);
  if (!coll) return { ok: 1 };
  const was = coll.indexes.size;
  const ops: WriteOp[] = [];
  ctx.engine.drop(ctx.db, name, ops);
  await ctx.engine.commit(ops);
  return { nIndexesWas: was, ns: `${ctx.db}.${name}`, ok: 1 };
};

const dropDatabase: CommandHandler = async (_cmd, ctx) => {
  const ops: WriteOp[] = [];
  ctx.engine.dropDatabase(ctx.db, ops);
  await ctx.engine.commit(ops);
  return { dropped: ctx.db, ok: 1 };
};

const renameCollection: CommandHandler = async (cmd, ctx) => {
  const from = String(cmd.renameCollection);
  const to = String(cmd.to);
  const [fdb, ...fr] = from.split('.');
  const [tdb, ...tr] = to.split('.');
  const src = ctx.engine.get(fdb!, fr.join('.'));
  if (!src) throw new MongoServerError(ErrorCodes.NamespaceNotFound, 'source namespace does not exist');
  const ops: WriteOp[] = [];
  if (ctx.engine.get(tdb!, tr.join('.'))) {
    if (cmd.dropTarget !== true) throw new MongoServerError(ErrorCodes.NamespaceExists, 'target namespace exists');
    ctx.engine.drop(tdb!, tr.join('.'), ops);
  }
  ctx.engine.rename(src, tdb!, validateCollectionName(tdb!, tr.join('.')), ops);
  await ctx.engine.commit(ops);
  return { ok: 1 };
};

const collStats: CommandHandler = (cmd, ctx) => {
  const name = validateCollectionName(ctx.db, cmd.collStats);
  const coll = ctx.engine.get(ctx.db, name);
  if (!coll) throw nsNotFound(`${ctx.db}.${name}`);
  let size = 0;
  for (const e of coll.docs.values()) size += e.raw.length;
  const count = coll.docs.size;
  const indexSizes: Document = {};
  for (const ix of coll.indexes.values()) indexSizes[ix.name] = ix.list.size * 32;
  return {
    ns: coll.ns,
    count,
    size,
    avgObjSize: count ? Math.round(size / count) : 0,
    storageSize: size,
    nindexes: coll.indexes.size,
    totalIndexSize: Object.values(indexSizes).reduce((a: number, b) => a + Number(b), 0),
    indexSizes,
    ok: 1,
  };
};

const dbStats: CommandHandler = (_cmd, ctx) => {
  const colls = ctx.engine.collections(ctx.db);
  let objects = 0;
  let dataSize = 0;
  let indexes = 0;
  for (const c of colls) {
    objects += c.docs.size;
    indexes += c.indexes.size;
    for (const e of c.docs.values()) dataSize += e.raw.length;
  }
  return {
    db: ctx.db,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? dataSize / objects : 0,
    dataSize,
    storageSize: dataSize,
    indexes,
    ok: 1,
  };
};

export const ddlCommands: Record<string, CommandHandler> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  listCollections,
  listDatabases,
  create,
  drop,
  dropDatabase,
  renameCollection,
  collStats,
  dbStats,
};
