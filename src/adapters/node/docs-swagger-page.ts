import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo token the docs page is pre-authorized with: any bearer token is a valid tenant. */
export const DEMO_TOKEN = 'demo-token';

/** Where Swagger UI's static files are served from, under the docs route. */
export const DOCS_ASSETS_PATH = '/docs/assets';

/**
 * Swagger UI's files, served from the package (the page loads nothing from a CDN): vendor/swagger-ui/,
 * which the build copies from the `swagger-ui-dist` devDependency (scripts/copy-docs-assets.ts),
 * else, in a checkout not built since, that devDependency itself. This file sits three folders
 * below the package root both as src/adapters/node/*.ts and as dist/adapters/node/*.js.
 */
export function locateSwaggerUi(): string {
  const vendored = fileURLToPath(new URL('../../../vendor/swagger-ui', import.meta.url));
  if (existsSync(`${vendored}/swagger-ui-bundle.js`)) return vendored;
  try {
    return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    throw new Error(`docs: Swagger UI's files are missing from ${vendored}: run npm run build:assets`);
  }
}

export const renderSwaggerPage = (title: string): string => `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>${escapeHtml(title)} · docs</title>
    <link rel="stylesheet" href="${DOCS_ASSETS_PATH}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${DOCS_ASSETS_PATH}/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_ASSETS_PATH}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/docs/init.js" charset="UTF-8"></script>
  </body>
</html>
`;

/**
 * The initializer, served as a file rather than inline so the page runs under a CSP that
 * forbids inline scripts. The bearer scheme is pre-authorized with the demo token, so
 * "Try it out" works at once; Authorize replaces it (each token is its own tenant).
 */
export function renderSwaggerInit(bearerSchemes: string[]): string {
  const config = {
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    displayOperationId: true,
    tryItOutEnabled: false,
    // Swagger UI posts the spec to validator.swagger.io by default: a request off this origin.
    validatorUrl: null,
  };
  return `'use strict';
window.addEventListener('load', function () {
  var schemes = ${JSON.stringify(bearerSchemes)};
  var config = ${JSON.stringify(config, null, 2)};
  config.presets = [SwaggerUIBundle.presets.apis];
  config.onComplete = function () {
    schemes.forEach(function (name) {
      // persistAuthorization may have restored a token the user chose: keep it.
      var current = window.ui.authSelectors.authorized().get(name);
      if (!current) window.ui.preauthorizeApiKey(name, ${JSON.stringify(DEMO_TOKEN)});
    });
  };
  window.ui = SwaggerUIBundle(config);
});
`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
