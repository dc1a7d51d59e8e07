import type { Connection, InferSchemaType, Model, Schema } from 'mongoose';

/**
 * The connection's model `name`, compiled from `schema` the first time it is asked for. Typed by
 * the schema's own fields: mongoose's inferred type also carries its `id` virtual, which no
 * caller reads, and which makes the cached and the freshly compiled model two unrelated types.
 */
export function modelFor<S extends Schema>(conn: Connection, name: string, schema: S): Model<InferSchemaType<S>> {
  return (conn.models[name] ?? conn.model(name, schema)) as unknown as Model<InferSchemaType<S>>;
}

/** The same for a schema typed by its module's record (`Schema<T>`) rather than inferred from it. */
export function modelOf<T>(conn: Connection, name: string, schema: Schema<T>): Model<T> {
  return (conn.models[name] ?? conn.model<T>(name, schema)) as Model<T>;
}
