/**
 * Checks a mutation's input before anything is written: each field against its form
 * (src/domain/fields.ts), all problems at once, as an InvalidInputError naming each field.
 */
import type { z } from 'zod';
import { InvalidInputError } from './errors.js';

/** The input, checked (and trimmed where the schema says so); throws an InvalidInputError. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  prefix: readonly string[] = ['input'],
): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(
    result.error.issues.map((issue) => ({
      path: [...prefix, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))],
      code: 'INVALID' as const,
      message: issue.message,
    })),
  );
}
