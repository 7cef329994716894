import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { MatchQuery, PageQuery } from './admin-queries';
import { ServiceInput, ServiceView } from './admin-schemas';
import { openApiDocument, type AdminRoute } from './openapi';

const services = { tag: 'services', description: 'Service patterns' };
const list: AdminRoute = {
  method: 'get',
  path: '/api/admin/services',
  status: 200,
  handler: 'ServicesController.list',
  resource: services,
  operation: { id: 'listServices', summary: 'List', query: PageQuery, response: { description: 'A page' } },
};
const byId = { id: z.number().int() };
const get: AdminRoute = {
  method: 'get',
  path: '/api/admin/services/:id',
  status: 200,
  handler: 'ServicesController.get',
  resource: services,
  operation: { id: 'getService', summary: 'Read', params: byId, response: { description: 'It', schema: ServiceView } },
};
const put: AdminRoute = {
  ...get,
  method: 'put',
  handler: 'ServicesController.replace',
  operation: { ...get.operation!, id: 'replaceService', body: ServiceInput, errors: { '409': 'Clash' } },
};

function validate(document: unknown): string {
  const check = spawnSync(process.execPath, [join(__dirname, '..', '..', 'test', 'support', 'validate-openapi.mjs')], {
    input: JSON.stringify(document),
    encoding: 'utf8',
  });
  return check.stdout.trim();
}

describe('the OpenAPI document, from the route table', () => {
  it('is valid OpenAPI 3.1 with one operation per route, path parameters said once per path', () => {
    const doc = openApiDocument([list, get, put]) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
      tags: unknown[];
    };
    expect(validate(doc)).toBe('valid');
    expect(Object.keys(doc.paths)).toEqual(['/api/admin/services', '/api/admin/services/{id}']);
    expect(Object.keys(doc.paths['/api/admin/services/{id}'])).toEqual(['parameters', 'get', 'put']);
    expect(doc.paths['/api/admin/services/{id}'].parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'integer' }) },
    ]);
    expect(Object.keys(doc.paths['/api/admin/services/{id}'].put.responses)).toEqual([
      '200',
      '400',
      '401',
      '409',
      '413',
      '415',
    ]);
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['Problem', 'Service', 'ServiceInput']);
    expect(doc.tags).toEqual([{ name: 'services', description: 'Service patterns' }]);
  });

  it('documents query strings from the schema the handler parses: numbers as integers, with defaults', () => {
    const doc = openApiDocument([
      list,
      { ...list, path: '/api/admin/services/match', operation: { ...list.operation!, id: 'm', query: MatchQuery } },
    ]) as { paths: Record<string, { get: { parameters: unknown[] } }> };
    expect(doc.paths['/api/admin/services'].get.parameters).toEqual([
      {
        name: 'page',
        in: 'query',
        required: false,
        description: 'Page number, from 1',
        schema: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
      },
      expect.objectContaining({ name: 'pageSize', schema: expect.objectContaining({ maximum: 200, default: 50 }) }),
    ]);
    expect(doc.paths['/api/admin/services/match'].get.parameters).toEqual([
      {
        name: 'url',
        in: 'query',
        required: true,
        description: 'Service URL',
        schema: { type: 'string', minLength: 1 },
      },
      expect.objectContaining({ name: 'username', required: false }),
    ]);
  });

  it('refuses a route that is not described, so that none can be served undocumented', () => {
    expect(() => openApiDocument([list, { ...get, operation: undefined }])).toThrow(
      'ServicesController.get (GET /api/admin/services/:id) has no @ApiOperation',
    );
    expect(() => openApiDocument([{ ...list, resource: undefined }])).toThrow(
      'ServicesController.list: its controller has no @ApiResource',
    );
  });

  it('refuses what would make a wrong document', () => {
    const unnamed = { ...get, operation: { ...get.operation!, response: { description: 'x', schema: z.object({}) } } };
    expect(() => openApiDocument([unnamed])).toThrow('its schema has no name in OPENAPI_COMPONENTS');
    const stray = { ...list, operation: { ...list.operation!, params: byId } };
    expect(() => openApiDocument([stray])).toThrow('id is not a parameter of /api/admin/services');
    const untyped = { ...put, operation: { ...put.operation!, params: undefined } };
    expect(() => openApiDocument([get, untyped])).toThrow("differ from those of the path's other routes");
    expect(() => openApiDocument([list, { ...list, method: 'post' }])).toThrow(
      'operation id listServices is used twice',
    );
  });
});
