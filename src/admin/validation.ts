import { z } from 'zod';
import { ProblemException, problem, type FieldError } from '../common/problem';
import { isWithin, salvage } from './salvage';

/** `['releasedAttributes', 0, 'name']` → `releasedAttributes[0].name`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ field: fieldPath([...issue.path, key]), message: 'is not a known field' });
      }
    } else {
      const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
      errors.push({ field: fieldPath(issue.path) || '(body)', message: missing ? 'is required' : issue.message });
    }
  }
  return errors;
}

export function invalid(status: 400 | 409 | 422, detail: string, errors: FieldError[]): ProblemException {
  return new ProblemException(problem(status, detail, errors));
}

function requireObject(body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProblemException(problem(400, 'The request body must be a JSON object'));
  }
}

/** A JSON body checked against a schema: 400 if it is not an object, 422 listing every bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  return parseBodyAll(schema, body, {});
}

export interface BodyChecks<T> {
  /** Checks the use case cannot make (the body against the URL, say); always run. */
  always?: (input: T) => FieldError[];
  /**
   * The use case's own rules (e.g. checkDefinition). The use case runs them on a valid body;
   * they run here only when the body is already refused, so that the refusal lists them too.
   */
  rules?: (input: T) => FieldError[];
}

/**
 * Like parseBody, but one refusal lists every bad field: the types, the `always` checks and
 * the domain's rules, the latter two run on the well-typed part of the body (salvage.ts).
 */
export function parseBodyAll<T extends z.ZodType>(
  schema: T,
  body: unknown,
  checks: BodyChecks<z.output<T>>,
): z.output<T> {
  requireObject(body);
  const result = schema.safeParse(body);
  const input = (result.success ? result.data : salvage(schema, body)) as z.output<T>;
  const typeErrors = result.success ? [] : fieldErrors(result.error);
  const checked = checks.always?.(input) ?? [];
  if (typeErrors.length === 0 && checked.length === 0) return input;
  const flagged = [...typeErrors, ...checked].map((e) => e.field);
  const ruleErrors = checks.rules?.(input) ?? [];
  const others = [
    ...checked.filter((e) => !typeErrors.some((t) => isWithin(e.field, t.field))),
    ...ruleErrors.filter((e) => !flagged.some((f) => isWithin(e.field, f))),
  ];
  throw invalid(422, 'The request body is not valid', [...typeErrors, ...others]);
}

/** Query parameters checked against a schema: 400 listing every bad parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const result = schema.safeParse(query ?? {});
  if (!result.success) throw invalid(400, 'The query parameters are not valid', fieldErrors(result.error));
  return result.data;
}

export function notFound(what: string): ProblemException {
  return new ProblemException(problem(404, `${what} does not exist`));
}
