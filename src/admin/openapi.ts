import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { documentedForm } from './admin-queries';
import { ProblemSchema } from './admin-schemas';
import { OPENAPI_COMPONENTS, OPENAPI_INFO } from './openapi-components';

type Json = Record<string, unknown>;

/** How an admin controller's routes are grouped in the document. */
export interface ResourceSpec {
  tag: string;
  description: string;
}

/** What one admin route does, declared on it (api-operation.ts) next to the schemas it parses. */
export interface OperationSpec {
  id: string;
  summary: string;
  /** The schema the handler parses its query string with; one parameter per field. */
  query?: z.ZodObject;
  /** Documented types of the path parameters; those not named are strings. */
  params?: Record<string, z.ZodType>;
  /** The schema the handler parses its JSON body with. */
  body?: z.ZodType;
  /** The success answer; its status is the route's (@HttpCode, else 201 for POST, 200). */
  response: { description: string; schema?: z.ZodType };
  /** Refusals beyond those of every route (400, 401, 413, 415), by status. */
  errors?: Record<string, string>;
}

/** One route as Nest serves it, with what its decorators say of it. */
export interface AdminRoute {
  method: string;
  /** With Nest's `:name` parameters. */
  path: string;
  status: number;
  /** Controller and method, to name a route that is not described. */
  handler: string;
  resource?: ResourceSpec;
  operation?: OperationSpec;
}

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1, from a zod schema. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const generated = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // Query values arrive as text; those that stand for a number are documented as the number.
    override: ({ zodSchema, jsonSchema }) => {
      const form = documentedForm.get(zodSchema);
      if (!form) return;
      for (const key of Object.keys(jsonSchema))
        if (key !== 'description') delete jsonSchema[key as keyof typeof jsonSchema];
      Object.assign(jsonSchema, form);
    },
  }) as Json;
  delete generated.$schema;
  return generated;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const STANDARD_ERRORS: Record<string, string> = {
  '400': 'Malformed request: bad JSON, bad query parameters, not an object',
  '401': 'No token, an unknown token or a revoked one',
  '413': 'Body too large',
  '415': 'Body is not application/json',
};

/** Named schemas, and the way each is read (a body is input, an answer output). */
class Components {
  readonly schemas: Record<string, Json> = {};
  private readonly names = new Map<z.ZodType, string>(
    Object.entries(OPENAPI_COMPONENTS).map(([name, schema]) => [schema, name]),
  );

  use(schema: z.ZodType, io: 'input' | 'output', where: string): Json {
    const name = this.names.get(schema);
    if (name === undefined) throw new Error(`${where}: its schema has no name in OPENAPI_COMPONENTS`);
    this.schemas[name] ??= schemaOf(schema, io);
    return ref(name);
  }
}

function queryParameters(query: z.ZodObject): Json[] {
  const { properties = {}, required = [] } = schemaOf(query, 'input') as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...schema }]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(description === undefined ? {} : { description }),
    schema,
  }));
}

/** Path parameters, said once for the path: every route of a path must type them alike. */
function pathParameters(route: AdminRoute, op: OperationSpec): Json[] {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  for (const declared of Object.keys(op.params ?? {})) {
    if (!names.includes(declared)) throw new Error(`${route.handler}: ${declared} is not a parameter of ${route.path}`);
  }
  return names.map((name) => {
    const schema = op.params?.[name];
    return { name, in: 'path', required: true, schema: schema ? schemaOf(schema, 'input') : { type: 'string' } };
  });
}

function operationOf(route: AdminRoute, op: OperationSpec, tag: string, components: Components): Json {
  const where = `${route.method.toUpperCase()} ${route.path}`;
  const ok: Json = { description: op.response.description };
  if (op.response.schema) {
    ok.content = { 'application/json': { schema: components.use(op.response.schema, 'output', where) } };
  }
  const responses: Json = { [String(route.status)]: ok };
  for (const [status, description] of Object.entries({ ...STANDARD_ERRORS, ...op.errors })) {
    responses[status] = problemResponse(description);
  }
  const parameters = op.query ? queryParameters(op.query) : [];
  return {
    operationId: op.id,
    summary: op.summary,
    tags: [tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.use(op.body, 'input', where) } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the admin API, from the routes Nest serves and what each declares.
 * A route that declares nothing stops the server from starting, so none goes undocumented.
 */
export function openApiDocument(routes: AdminRoute[]): Json {
  const components = new Components();
  components.use(ProblemSchema, 'output', 'Problem');
  const tags = new Map<string, string>();
  const ids = new Set<string>();
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const { resource, operation } = route;
    if (!resource) throw new Error(`${route.handler}: its controller has no @ApiResource`);
    if (!operation)
      throw new Error(`${route.handler} (${route.method.toUpperCase()} ${route.path}) has no @ApiOperation`);
    if (ids.has(operation.id)) throw new Error(`${route.handler}: operation id ${operation.id} is used twice`);
    ids.add(operation.id);
    tags.set(resource.tag, resource.description);
    const template = route.path.replace(/:(\w+)/g, '{$1}');
    const item = (paths[template] ??= {});
    const parameters = pathParameters(route, operation);
    if (item.parameters === undefined && parameters.length > 0) item.parameters = parameters;
    if (!isDeepStrictEqual(item.parameters ?? [], parameters)) {
      throw new Error(`${route.handler}: its parameters of ${template} differ from those of the path's other routes`);
    }
    item[route.method] = operationOf(route, operation, resource.tag, components);
  }
  return {
    openapi: '3.1.0',
    info: OPENAPI_INFO,
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [...tags].map(([name, description]) => ({ name, description })),
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: components.schemas },
  };
}
