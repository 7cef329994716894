import { Controller, Get, Res, type OnModuleInit, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { isAdminRoute } from './admin-http';
import { ADMIN_BASE } from './admin-paths';
import { routeTable } from './api-operation';
import { openApiDocument } from './openapi';

/** Swagger UI, from the server's own copy of swagger-ui-dist: no third-party request. */
const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const DOCS_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CAS server admin API</title>
<link rel="stylesheet" href="${ADMIN_BASE}/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${ADMIN_BASE}/docs/assets/swagger-ui-bundle.js"></script>
<script src="${ADMIN_BASE}/docs/init.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to an online validator.
const INIT_JS = `window.ui = SwaggerUIBundle({
  url: '${ADMIN_BASE}/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  persistAuthorization: false,
});
`;

/**
 * The OpenAPI document and the docs page are public: they hold no data, only the API's shape.
 * The document describes every route of every controller under ADMIN_BASE but this one (which
 * serves it); it is built when the application starts, so a route without @ApiOperation stops
 * the start.
 */
@Controller(ADMIN_BASE)
export class DocsController implements OnModuleInit {
  private document = '';

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype)
      .filter((type): type is Type => typeof type === 'function' && type !== DocsController);
    this.document = JSON.stringify(openApiDocument(routeTable(controllers).filter((r) => isAdminRoute(r.path))));
  }

  @Get('openapi.json')
  openapi(@Res() reply: FastifyReply): void {
    void reply.type('application/json; charset=utf-8').send(this.document);
  }

  @Get('docs')
  docs(@Res() reply: FastifyReply): void {
    void reply.header('Content-Security-Policy', DOCS_CSP).type('text/html; charset=utf-8').send(DOCS_HTML);
  }

  @Get('docs/init.js')
  init(@Res() reply: FastifyReply): void {
    void reply.type('text/javascript; charset=utf-8').send(INIT_JS);
  }
}
