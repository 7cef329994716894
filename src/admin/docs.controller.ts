import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ADMIN_BASE } from './admin-paths';
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

/** The OpenAPI document and the docs page are public: they hold no data, only the API's shape. */
@Controller(ADMIN_BASE)
export class DocsController {
  private readonly document = JSON.stringify(openApiDocument());

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
