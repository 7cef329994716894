import { RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, Reflector } from '@nestjs/core';
import type { AdminRoute, OperationSpec, ResourceSpec } from './openapi';

/** What an admin route does, for the OpenAPI document (openapi.ts); every admin route says it. */
export const ApiOperation = Reflector.createDecorator<OperationSpec>();

/** The tag an admin controller's routes go under in the OpenAPI document. */
export const ApiResource = Reflector.createDecorator<ResourceSpec>();

export const NOT_FOUND = { '404': 'No such object' };
export const INVALID = { '422': 'Invalid fields, listed one by one in `errors`' };

const paths = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value ?? '')]);
const joined = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** The routes Nest serves from these controllers, with what their decorators say of them. */
export function routeTable(controllers: Type[]): AdminRoute[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  return controllers.flatMap((controller) => {
    const prototype = controller.prototype as Record<string, () => unknown>;
    const resource = reflector.get(ApiResource, controller);
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      const routePaths: unknown = reflector.get(PATH_METADATA, handler);
      if (routePaths === undefined) return [];
      const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)].toLowerCase();
      const status = reflector.get<number | undefined>(HTTP_CODE_METADATA, handler) ?? (method === 'post' ? 201 : 200);
      const operation = reflector.get(ApiOperation, handler);
      const handlerName = `${controller.name}.${name}`;
      return paths(reflector.get(PATH_METADATA, controller)).flatMap((base) =>
        paths(routePaths).map((path) => ({
          method,
          path: joined(base, path),
          status,
          handler: handlerName,
          resource,
          operation,
        })),
      );
    });
  });
}
