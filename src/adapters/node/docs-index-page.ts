import { DEMO_TOKEN, escapeHtml } from './docs-swagger-page.ts';

export interface IndexFacts {
  title: string;
  version: string;
  seed: number;
  accounts: number;
  customers: number;
  shared: boolean;
  operations: number;
  /** The spec's example body for creating a customer, if it has one. */
  createCustomerExample?: unknown;
}

/** Stands for the mock's origin in the prebuilt page; replaced per request with the Host it was asked on. */
export const ORIGIN_MARK = '\u0000ORIGIN\u0000';

const auth = `-H 'Authorization: Bearer ${DEMO_TOKEN}'`;

function exampleCalls(createCustomerExample: unknown): string[] {
  const calls = [
    `curl ${auth} '${ORIGIN_MARK}/accounts?pageSize=5'`,
    `curl ${auth} '${ORIGIN_MARK}/customers?sortOrder=DESC'`,
    `curl ${auth} '${ORIGIN_MARK}/accounts/ID_FROM_THE_LIST'`,
  ];
  // Taken from the spec so the example stays valid when the schema changes; a quote would end the shell string.
  const body = JSON.stringify(createCustomerExample);
  if (body !== undefined && !body.includes("'")) {
    calls.push(
      `curl -X POST ${auth} -H 'Content-Type: application/json' \\\n  -d '${body}' \\\n  '${ORIGIN_MARK}/customers'`,
    );
  }
  return calls;
}

/** The index page, built once; `ORIGIN_MARK` is left in for the request's origin. */
export function renderIndexPage(facts: IndexFacts): string {
  const tenancy = facts.shared
    ? 'shared: every token reads and writes one state'
    : 'isolated: each bearer token is its own tenant over the same seeded baseline';
  const calls = exampleCalls(facts.createCustomerExample)
    .map(
      (call) =>
        `<pre><code>${escapeHtml(call).replaceAll(escapeHtml(ORIGIN_MARK), ORIGIN_MARK)}</code></pre>`,
    )
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>${escapeHtml(facts.title)} · mock</title>
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
      pre { background: #f4f4f4; padding: .75rem; white-space: pre-wrap; overflow-wrap: anywhere; }
      dt { font-weight: 600; float: left; clear: left; width: 9rem; }
      dd { margin-left: 10rem; }
    </style>
  </head>
  <body>
    <h1>${escapeHtml(facts.title)}</h1>
    <p>A stateful in-memory mock of the Togai Accounts API (spec version ${escapeHtml(facts.version)},
    ${facts.operations} operations), generated from its OpenAPI document. Every operation needs
    <code>Authorization: Bearer &lt;any-token&gt;</code>; the data is seeded and deterministic.</p>
    <p><a href="/docs">API docs with “Try it out”</a> · <a href="/openapi.json">openapi.json</a></p>
    <h2>This data set</h2>
    <dl>
      <dt>Seed</dt><dd id="seed">${facts.seed}</dd>
      <dt>Accounts</dt><dd id="accounts">${facts.accounts}</dd>
      <dt>Customers</dt><dd id="customers">${facts.customers}</dd>
      <dt>Tenancy</dt><dd id="tenancy">${escapeHtml(tenancy)}</dd>
    </dl>
    <h2>Example calls</h2>
    ${calls}
  </body>
</html>
`;
}
