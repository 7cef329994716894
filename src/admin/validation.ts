import { z } from 'zod';
import { ProblemException, problem, type FieldError } from '../common/problem';

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

/** A JSON body checked against a schema: 400 if it is not an object, 422 listing every bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProblemException(problem(400, 'The request body must be a JSON object'));
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalid(422, 'The request body is not valid', fieldErrors(result.error));
  return result.data;
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
