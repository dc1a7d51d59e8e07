/**
 * Every object schema of objects.ts under one name (`postDto` → `PostDto`): the API document's
 * `components/schemas` and docs/api.md's Objects use these names, so both describe an object once.
 */
import { z } from 'zod';
import * as objects from './objects.js';

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** The named objects, sorted by name. */
export const namedObjects: ReadonlyArray<readonly [string, z.ZodType]> = Object.entries(objects as Record<string, unknown>)
  .filter((entry): entry is [string, z.ZodObject] => entry[1] instanceof z.ZodObject)
  .map(([name, schema]) => [pascal(name), schema] as const)
  .sort(([a], [b]) => a.localeCompare(b));

/** Pass as `metadata` to `z.toJSONSchema`: a named object becomes a `$ref` to `#/$defs/<name>`. */
export const namedObjectRegistry = z.registry<{ id: string }>();
for (const [id, schema] of namedObjects) namedObjectRegistry.add(schema, { id });
