import { z } from 'zod';
import { MAX_PASSWORD_BYTES, MAX_USERNAME_LENGTH, passwordProblem, usernameProblem } from '../auth/user-rules';

/** Request and response shapes of the admin API; the OpenAPI document is generated from them. */

export const MAX_LIST = 1000;

/** Said of every regular expression field, so the OpenAPI document tells what is accepted. */
const RE2_SYNTAX = ' (RE2 syntax, Python (?P<name>…) accepted; no back-references or look-around)';

export const ReleasedAttributeSchema = z.strictObject({
  name: z.string().describe('Attribute released to the service; `*` releases every attribute'),
  renameTo: z.string().default('').describe('Name the service receives it under; empty = unchanged'),
});
export const AttributeRewriteSchema = z.strictObject({
  attribute: z.string(),
  pattern: z.string().describe(`Regular expression; every match in every value is replaced${RE2_SYNTAX}`),
  replacement: z.string().default('').describe('Python syntax for groups: \\1, \\g<name>'),
});
export const RequiredAttributeSchema = z.strictObject({
  attribute: z.string(),
  pattern: z.string().describe(`One value of the attribute must match from its start${RE2_SYNTAX}`),
});

const serviceFields = {
  position: z.number().int().describe('Evaluation order, ascending; the first matching pattern wins'),
  userField: z.string().describe('Attribute sent as the username; empty = the login name'),
  restrictUsers: z.boolean().describe('Only allowedUsers may use the service'),
  allowedUsers: z.array(z.string()).max(MAX_LIST),
  proxy: z.boolean().describe('Proxy tickets may be issued for this service'),
  proxyCallback: z.boolean().describe('URLs matching the pattern may receive a PGT as pgtUrl'),
  singleLogOut: z.boolean(),
  singleLogOutCallback: z.string().describe('URL receiving the logout request instead of the service URL'),
  frontChannelLogout: z
    .boolean()
    .describe('Single Logout through the browser (a hidden image on the logout page) instead of server to server'),
  releasedAttributes: z
    .array(ReleasedAttributeSchema)
    .max(MAX_LIST)
    .describe('Attributes sent to the service. Empty = the service receives NO attributes.'),
  attributeRewrites: z.array(AttributeRewriteSchema).max(MAX_LIST),
  requiredAttributes: z.array(RequiredAttributeSchema).max(MAX_LIST),
};

/** Read-only fields of the representation, accepted (and ignored) so a GET can be PUT back. */
const readOnly = {
  id: z.number().int().optional().describe('Read-only; must match the URL when given'),
  releasesAttributes: z.boolean().optional().describe('Read-only'),
};

export const ServiceInput = z.strictObject({
  name: z.string().describe('Unique, shown to users'),
  pattern: z.string().describe(`Regular expression matching the WHOLE service URL (implicit ^...$)${RE2_SYNTAX}`),
  ...readOnly,
  ...Object.fromEntries(Object.entries(serviceFields).map(([k, v]) => [k, v.optional()])),
}) as z.ZodType<ServiceInputType>;

export const ServicePatch = z.strictObject({
  name: z.string().optional(),
  pattern: z.string().optional(),
  ...readOnly,
  ...Object.fromEntries(Object.entries(serviceFields).map(([k, v]) => [k, v.optional()])),
}) as z.ZodType<Partial<ServiceInputType>>;

export interface ServiceInputType {
  id?: number;
  releasesAttributes?: boolean;
  name: string;
  pattern: string;
  position?: number;
  userField?: string;
  restrictUsers?: boolean;
  allowedUsers?: string[];
  proxy?: boolean;
  proxyCallback?: boolean;
  singleLogOut?: boolean;
  singleLogOutCallback?: string;
  frontChannelLogout?: boolean;
  releasedAttributes?: Array<{ name: string; renameTo: string }>;
  attributeRewrites?: Array<{ attribute: string; pattern: string; replacement: string }>;
  requiredAttributes?: Array<{ attribute: string; pattern: string }>;
}

export const ServiceView = z.object({
  id: z.number().int(),
  name: z.string(),
  pattern: z.string(),
  ...serviceFields,
  releasesAttributes: z.boolean().describe('False when releasedAttributes is empty: the service gets no attributes'),
});

export const ServiceExport = z.object({
  version: z.literal(1),
  exportedAt: z.string(),
  services: z.array(ServiceView.omit({ id: true, releasesAttributes: true })),
});

export const ServiceImport = z.strictObject({
  version: z.literal(1).optional(),
  exportedAt: z.string().optional(),
  services: z.array(ServiceInput).max(MAX_LIST),
});

export const ImportResult = z.object({
  dryRun: z.boolean(),
  mode: z.enum(['merge', 'replace']),
  created: z.array(z.string()),
  updated: z.array(z.string()),
  deleted: z.array(z.string()),
  unchanged: z.array(z.string()),
});

export const AttributeValue = z.union([z.string(), z.array(z.string())]);
export const AttributesSchema = z.record(z.string().min(1).max(255), AttributeValue);

export const MatchResult = z.object({
  url: z.string(),
  canonicalUrl: z
    .string()
    .nullable()
    .describe('The form the URL is matched on, redirected to and recorded in tickets; null when refused'),
  urlProblem: z.string().nullable().describe('Why the URL is refused before any pattern is tried'),
  matched: z.boolean(),
  service: ServiceView.nullable(),
  user: z
    .object({
      username: z.string(),
      exists: z.boolean(),
      disabled: z.boolean(),
      ticket: z.boolean().describe('Whether the user would get a service ticket'),
      reason: z.string().nullable().describe('Why not, as the login page would say'),
      casUser: z.string().nullable().describe('The username the service receives'),
      attributes: AttributesSchema.describe('Exactly the attributes released, names and values'),
    })
    .nullable(),
});

/** A string checked by one of the domain's rules (the same function the CLI's path calls). */
function ruled(rule: (value: string) => string | null) {
  return z.string().superRefine((value, ctx) => {
    const problem = rule(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const password = ruled(passwordProblem).meta({
  minLength: 1,
  description: `At most ${MAX_PASSWORD_BYTES} bytes in UTF-8 (bcrypt ignores the rest)`,
});

export const UserCreate = z.strictObject({
  username: ruled(usernameProblem).meta({ minLength: 1, maxLength: MAX_USERNAME_LENGTH }),
  password,
  attributes: AttributesSchema.optional(),
  disabled: z.boolean().optional(),
});

export const UserPatch = z.strictObject({
  attributes: AttributesSchema.optional(),
  disabled: z
    .boolean()
    .optional()
    .describe('A disabled user cannot log in; disabling ends their sessions (with Single Logout)'),
});

export const PasswordInput = z.strictObject({ password });

export const UserView = z.object({
  username: z.string(),
  attributes: AttributesSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SessionView = z.object({
  id: z.string(),
  username: z.string(),
  authSource: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});

export const EndedSessions = z.object({ ended: z.number().int() });

export const AuditView = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().describe('Token name, "env-token" (CAS_ADMIN_TOKEN) or "cli"'),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const TokenView = z.object({
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

export const ServicePage = pageSchema(ServiceView);
export const UserPage = pageSchema(UserView);
export const SessionPage = pageSchema(SessionView);
export const AuditPage = pageSchema(AuditView);
export const TokenList = z.object({ items: z.array(TokenView) });

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
