/** One way to validate outside input: a zod schema, failing as an `invalid` AppError naming each field. */
import type { z } from 'zod';
import { invalid } from './errors.js';

/** Parses `input` with `schema`; on failure throws `invalid` with a message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : where;
    if (!(key in fields)) fields[key] = fieldMessage(issue);
  }
  const first = Object.entries(fields)[0];
  throw invalid(first ? `${first[0]}: ${first[1]}` : `${where} is invalid`, fields);
}

function fieldMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `must be ${issue.expected}`;
  return issue.message;
}
