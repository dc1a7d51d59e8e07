import type { Document } from 'mongoose';

/**
 * A document just written (`Model.create`), as the module's plain record type: the same shape a
 * query's `.lean<T>()` gives, so one `toDto(record)` serves both. Mongoose types `toObject()` from the
 * schema (ObjectId fields, optional defaults) while each module names its record by hand; this is
 * the one place that states they agree.
 */
export function recordOf<T>(doc: Document): T {
  return doc.toObject() as T;
}
