import { z } from 'zod';

/** Query strings of the admin API, as the handlers parse them and the OpenAPI document shows them. */

/**
 * How the OpenAPI document shows a schema whose text on the wire stands for something else (a
 * number in a query string), in place of what zod would say of the text.
 */
export const documentedForm = z.registry<z.core.JSONSchema.BaseSchema>();

const PAGE_DEFAULTS = { page: 1, pageSize: 50 };

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .register(documentedForm, { type: 'integer', minimum: min, maximum: max, default: fallback });

export const pageQueryShape = {
  page: wholeNumber(1, 1_000_000, PAGE_DEFAULTS.page).optional().describe('Page number, from 1'),
  pageSize: wholeNumber(1, 200, PAGE_DEFAULTS.pageSize).optional().describe('Items per page'),
};
export const PageQuery = z.strictObject(pageQueryShape);

export function pageOf(query: { page?: number; pageSize?: number }): {
  page: number;
  pageSize: number;
  offset: number;
} {
  const page = query.page ?? PAGE_DEFAULTS.page;
  const pageSize = query.pageSize ?? PAGE_DEFAULTS.pageSize;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const ImportQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional().describe('Check and report without changing anything'),
  mode: z
    .enum(['merge', 'replace'])
    .default('merge')
    .describe('merge: create and update by name; replace: also delete services not listed'),
});

export const MatchQuery = z.strictObject({
  url: z.string().min(1, 'is required').describe('Service URL'),
  username: z.string().min(1).optional().describe('A local user'),
});

export const SessionQuery = z.strictObject({
  ...pageQueryShape,
  username: z.string().min(1).optional().describe('Only this user’s sessions'),
});
export const EndSessionsQuery = z.strictObject({
  username: z.string().min(1, 'is required').describe('Whose sessions'),
});

const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date')
  .transform((s) => Date.parse(s))
  .meta({ format: 'date-time', description: 'ISO 8601 date' });

export const AuditQuery = z.strictObject({
  ...pageQueryShape,
  actor: z.string().optional().describe('Token name, env-token or cli'),
  action: z.string().optional().describe('e.g. service.create'),
  targetType: z.string().optional().describe('service, user, session, token'),
  targetId: z.string().optional().describe('Id or name of the object'),
  since: isoTime.optional(),
  until: isoTime.optional(),
});
