import { z } from 'zod';
import { ADMIN_BASE } from './admin-paths';
import {
  AuditView,
  EndedSessions,
  ImportResult,
  MatchResult,
  PasswordInput,
  ProblemSchema,
  ServiceExport,
  ServiceImport,
  ServiceInput,
  ServicePatch,
  ServiceView,
  SessionView,
  TokenView,
  UserCreate,
  UserPatch,
  UserView,
  pageSchema,
} from './admin-schemas';

type Json = Record<string, unknown>;

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1, from a zod schema. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete generated.$schema;
  return generated;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json): Json => ({ content: { 'application/json': { schema } } });
const problemResponse = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const STANDARD_ERRORS: Json = {
  '400': problemResponse('Malformed request: bad JSON, bad query parameters, not an object'),
  '401': problemResponse('No token, an unknown token or a revoked one'),
  '413': problemResponse('Body too large'),
  '415': problemResponse('Body is not application/json'),
};

interface Operation {
  summary: string;
  tag: string;
  params?: Json[];
  body?: string;
  ok: { status: number; description: string; schema?: string };
  errors?: Record<string, string>;
}

function operation(id: string, op: Operation): Json {
  const responses: Json = {
    [String(op.ok.status)]: op.ok.schema
      ? { description: op.ok.description, ...json(ref(op.ok.schema)) }
      : { description: op.ok.description },
    ...STANDARD_ERRORS,
  };
  for (const [status, description] of Object.entries(op.errors ?? {})) responses[status] = problemResponse(description);
  return {
    operationId: id,
    summary: op.summary,
    tags: [op.tag],
    ...(op.params ? { parameters: op.params } : {}),
    ...(op.body ? { requestBody: { required: true, ...json(ref(op.body)) } } : {}),
    responses,
  };
}

const query = (name: string, description: string, schema: Json = { type: 'string' }, required = false): Json => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const path = (name: string, schema: Json = { type: 'string' }): Json => ({ name, in: 'path', required: true, schema });
const PAGE = [
  query('page', 'Page number, from 1', { type: 'integer', minimum: 1, default: 1 }),
  query('pageSize', 'Items per page', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
];
const ID = path('id', { type: 'integer' });
const USERNAME = path('username');
const INVALID = { '422': 'Invalid fields, listed one by one in `errors`' };
const NOT_FOUND = { '404': 'No such object' };

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'CAS server admin API',
      version: '1',
      description:
        'Manage services, local users, SSO sessions and tokens. Authenticate with `Authorization: Bearer <token>` ' +
        '(create one with `cas tokens:create <name>`). Errors are RFC 9457 problem documents.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'services', description: 'Service patterns, in evaluation order' },
      { name: 'users', description: 'Users of the local authentication source' },
      { name: 'sessions', description: 'SSO sessions' },
      { name: 'audit', description: 'Every change made through the API or the CLI' },
      { name: 'tokens', description: 'Admin API tokens' },
    ],
    paths: {
      [`${ADMIN_BASE}/services`]: {
        get: operation('listServices', {
          summary: 'List services by position',
          tag: 'services',
          params: PAGE,
          ok: { status: 200, description: 'A page of services', schema: 'ServicePage' },
        }),
        post: operation('createService', {
          summary: 'Create a service',
          tag: 'services',
          body: 'ServiceInput',
          ok: { status: 201, description: 'Created', schema: 'Service' },
          errors: { ...INVALID, '409': 'Name or pattern already used' },
        }),
      },
      [`${ADMIN_BASE}/services/match`]: {
        get: operation('matchService', {
          summary: 'Which service matches a URL, and what a user would get from it',
          tag: 'services',
          params: [query('url', 'Service URL', { type: 'string' }, true), query('username', 'A local user')],
          ok: { status: 200, description: 'The preview', schema: 'MatchResult' },
        }),
      },
      [`${ADMIN_BASE}/services/export`]: {
        get: operation('exportServices', {
          summary: 'Every service, in the import format',
          tag: 'services',
          ok: { status: 200, description: 'The export', schema: 'ServiceExport' },
        }),
      },
      [`${ADMIN_BASE}/services/import`]: {
        post: operation('importServices', {
          summary: 'Import services, all or nothing',
          tag: 'services',
          params: [
            query('dryRun', 'Check and report without changing anything', { type: 'string', enum: ['true', 'false'] }),
            query('mode', 'merge: create and update by name; replace: also delete services not listed', {
              type: 'string',
              enum: ['merge', 'replace'],
              default: 'merge',
            }),
          ],
          body: 'ServiceImport',
          ok: { status: 200, description: 'What was (or would be) done', schema: 'ImportResult' },
          errors: { ...INVALID, '409': 'Two services would share a name or pattern' },
        }),
      },
      [`${ADMIN_BASE}/services/{id}`]: {
        parameters: [ID],
        get: operation('getService', {
          summary: 'Read a service',
          tag: 'services',
          ok: { status: 200, description: 'The service', schema: 'Service' },
          errors: NOT_FOUND,
        }),
        put: operation('replaceService', {
          summary: 'Replace a service (omitted fields take their defaults)',
          tag: 'services',
          body: 'ServiceInput',
          ok: { status: 200, description: 'The service', schema: 'Service' },
          errors: { ...NOT_FOUND, ...INVALID, '409': 'Name or pattern already used' },
        }),
        patch: operation('patchService', {
          summary: 'Change some fields of a service (lists are replaced whole)',
          tag: 'services',
          body: 'ServicePatch',
          ok: { status: 200, description: 'The service', schema: 'Service' },
          errors: { ...NOT_FOUND, ...INVALID, '409': 'Name or pattern already used' },
        }),
        delete: operation('deleteService', {
          summary: 'Delete a service',
          tag: 'services',
          ok: { status: 204, description: 'Deleted' },
          errors: NOT_FOUND,
        }),
      },
      [`${ADMIN_BASE}/users`]: {
        get: operation('listUsers', {
          summary: 'List local users',
          tag: 'users',
          params: PAGE,
          ok: { status: 200, description: 'A page of users', schema: 'UserPage' },
        }),
        post: operation('createUser', {
          summary: 'Create a local user',
          tag: 'users',
          body: 'UserCreate',
          ok: { status: 201, description: 'Created', schema: 'User' },
          errors: { ...INVALID, '409': 'Username taken' },
        }),
      },
      [`${ADMIN_BASE}/users/{username}`]: {
        parameters: [USERNAME],
        get: operation('getUser', {
          summary: 'Read a user',
          tag: 'users',
          ok: { status: 200, description: 'The user', schema: 'User' },
          errors: NOT_FOUND,
        }),
        patch: operation('updateUser', {
          summary: 'Replace attributes, disable or enable',
          tag: 'users',
          body: 'UserPatch',
          ok: { status: 200, description: 'The user', schema: 'User' },
          errors: { ...NOT_FOUND, ...INVALID },
        }),
        delete: operation('deleteUser', {
          summary: 'Delete a user and end their sessions',
          tag: 'users',
          ok: { status: 204, description: 'Deleted' },
          errors: NOT_FOUND,
        }),
      },
      [`${ADMIN_BASE}/users/{username}/password`]: {
        parameters: [USERNAME],
        put: operation('setUserPassword', {
          summary: 'Set the password (stored as a bcrypt hash, never returned); ends the user’s SSO sessions',
          tag: 'users',
          body: 'PasswordInput',
          ok: { status: 204, description: 'Changed' },
          errors: { ...NOT_FOUND, ...INVALID },
        }),
      },
      [`${ADMIN_BASE}/sessions`]: {
        get: operation('listSessions', {
          summary: 'List SSO sessions, newest first',
          tag: 'sessions',
          params: [...PAGE, query('username', 'Only this user’s sessions')],
          ok: { status: 200, description: 'A page of sessions', schema: 'SessionPage' },
        }),
        delete: operation('endUserSessions', {
          summary: 'End every session of a user',
          tag: 'sessions',
          params: [query('username', 'Whose sessions', { type: 'string' }, true)],
          ok: { status: 200, description: 'How many were ended', schema: 'EndedSessions' },
        }),
      },
      [`${ADMIN_BASE}/sessions/{id}`]: {
        parameters: [path('id')],
        get: operation('getSession', {
          summary: 'Read a session',
          tag: 'sessions',
          ok: { status: 200, description: 'The session', schema: 'Session' },
          errors: NOT_FOUND,
        }),
        delete: operation('endSession', {
          summary: 'End a session',
          tag: 'sessions',
          ok: { status: 200, description: 'Ended', schema: 'EndedSessions' },
          errors: NOT_FOUND,
        }),
      },
      [`${ADMIN_BASE}/audit`]: {
        get: operation('listAudit', {
          summary: 'The audit trail, newest first',
          tag: 'audit',
          params: [
            ...PAGE,
            query('actor', 'Token name, env-token or cli'),
            query('action', 'e.g. service.create'),
            query('targetType', 'service, user, session, token'),
            query('targetId', 'Id or name of the object'),
            query('since', 'ISO 8601 date', { type: 'string', format: 'date-time' }),
            query('until', 'ISO 8601 date', { type: 'string', format: 'date-time' }),
          ],
          ok: { status: 200, description: 'A page of entries', schema: 'AuditPage' },
        }),
      },
      [`${ADMIN_BASE}/tokens`]: {
        get: operation('listTokens', {
          summary: 'List admin tokens (never their values)',
          tag: 'tokens',
          ok: { status: 200, description: 'The tokens', schema: 'TokenList' },
        }),
      },
      [`${ADMIN_BASE}/tokens/{name}`]: {
        parameters: [path('name')],
        delete: operation('revokeToken', {
          summary: 'Revoke a token',
          tag: 'tokens',
          ok: { status: 204, description: 'Revoked' },
          errors: NOT_FOUND,
        }),
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: schemaOf(ProblemSchema, 'output'),
        ServiceInput: schemaOf(ServiceInput, 'input'),
        ServicePatch: schemaOf(ServicePatch, 'input'),
        Service: schemaOf(ServiceView, 'output'),
        ServicePage: schemaOf(pageSchema(ServiceView), 'output'),
        ServiceExport: schemaOf(ServiceExport, 'output'),
        ServiceImport: schemaOf(ServiceImport, 'input'),
        ImportResult: schemaOf(ImportResult, 'output'),
        MatchResult: schemaOf(MatchResult, 'output'),
        UserCreate: schemaOf(UserCreate, 'input'),
        UserPatch: schemaOf(UserPatch, 'input'),
        PasswordInput: schemaOf(PasswordInput, 'input'),
        User: schemaOf(UserView, 'output'),
        UserPage: schemaOf(pageSchema(UserView), 'output'),
        Session: schemaOf(SessionView, 'output'),
        SessionPage: schemaOf(pageSchema(SessionView), 'output'),
        EndedSessions: schemaOf(EndedSessions, 'output'),
        AuditPage: schemaOf(pageSchema(AuditView), 'output'),
        TokenList: schemaOf(z.object({ items: z.array(TokenView) }), 'output'),
      },
    },
  };
}
