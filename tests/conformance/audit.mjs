// Runs every graphql-http server audit against a running server and fails on any result other
// than "ok" (MUST failures and SHOULD warnings alike).
// Usage: node audit.mjs [url]   (default http://127.0.0.1:8000/graphql; or GRAPHQL_URL)
import { auditServer } from 'graphql-http';

const url = process.argv[2] || process.env.GRAPHQL_URL || 'http://127.0.0.1:8000/graphql';
const results = await auditServer({ url });
let failed = 0;
for (const result of results) {
  if (result.status === 'ok') continue;
  failed += 1;
  let detail = result.reason;
  if (result.response) {
    const body = await result.response.text().catch(() => '');
    detail += ` [status ${result.response.status}, content-type ${result.response.headers.get('content-type')}] ${body.slice(0, 200)}`;
  }
  console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${detail}`);
}
console.log(`graphql-http ${results.length - failed}/${results.length} audits passed`);
process.exit(failed === 0 ? 0 : 1);
