import { z } from 'zod';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The well-typed part of an input that `schema` refuses: every value that fits is kept, every
 * one that does not is replaced by a neutral value of the right type ('' for a string, 0, false,
 * [] for a list, an object of neutral fields), unknown fields are dropped. The domain's rules
 * can then run on the fields that are fine, so a refusal lists the type errors and the rule
 * breaks together instead of one round after the other. What was replaced is never reported
 * on its own: the caller drops rule problems on fields the schema already flagged.
 */
export function salvage(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
    return salvage(schema.unwrap() as z.ZodType, value);
  }
  if (schema instanceof z.ZodObject) {
    const source = isRecord(value) ? value : {};
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, salvage(field, source[key])]));
  }
  if (schema instanceof z.ZodArray) {
    // A list over its maximum length is dropped whole: its items are not worth checking.
    const tooLong = parsed.error.issues.some((issue) => issue.path.length === 0 && issue.code === 'too_big');
    if (!Array.isArray(value) || tooLong) return [];
    return value.map((item) => salvage(schema.element as z.ZodType, item));
  }
  if (schema instanceof z.ZodString) return '';
  if (schema instanceof z.ZodNumber) return 0;
  if (schema instanceof z.ZodBoolean) return false;
  return undefined;
}

/** Whether `field` is `flagged` or lies inside it (`a.b` and `a[0]` lie inside `a`). */
export function isWithin(field: string, flagged: string): boolean {
  return field === flagged || field.startsWith(`${flagged}.`) || field.startsWith(`${flagged}[`);
}
