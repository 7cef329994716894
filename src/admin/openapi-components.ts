import type { z } from 'zod';
import {
  AuditPage,
  EndedSessions,
  ImportResult,
  MatchResult,
  PasswordInput,
  ProblemSchema,
  ServiceExport,
  ServiceImport,
  ServiceInput,
  ServicePage,
  ServicePatch,
  ServiceView,
  SessionPage,
  SessionView,
  TokenList,
  UserCreate,
  UserPage,
  UserPatch,
  UserView,
} from './admin-schemas';

export const OPENAPI_INFO = {
  title: 'CAS server admin API',
  version: '1',
  description:
    'Manage services, local users, SSO sessions and tokens. Authenticate with `Authorization: Bearer <token>` ' +
    '(create one with `cas tokens:create <name>`). Errors are RFC 9457 problem documents.',
};

/** The name each body and answer schema goes by in the document's components. */
export const OPENAPI_COMPONENTS: Record<string, z.ZodType> = {
  Problem: ProblemSchema,
  ServiceInput,
  ServicePatch,
  Service: ServiceView,
  ServicePage,
  ServiceExport,
  ServiceImport,
  ImportResult,
  MatchResult,
  UserCreate,
  UserPatch,
  PasswordInput,
  User: UserView,
  UserPage,
  Session: SessionView,
  SessionPage,
  EndedSessions,
  AuditPage,
  TokenList,
};
