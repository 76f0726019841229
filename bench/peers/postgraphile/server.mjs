// PostGraphile 5 (amber preset) for the peers benchmark: one Node HTTP server on 127.0.0.1.
// Usage: node server.mjs <port> <connection string>  (the role should be read-only).
// PgIndexBehaviorsPlugin is disabled so that `orderBy` is offered on unindexed columns
// (role title, role_skill weights), which the benchmark's queries sort on.
// GraphiQL, watch mode and EXPLAIN are off, as in production.
// GET /statements answers the number of queries sent to PostgreSQL so far (all pool clients).
import { createServer } from "node:http";
import pg from "pg";
import { postgraphile } from "postgraphile";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";

const [port, connectionString] = process.argv.slice(2);
if (!port || !connectionString) {
  console.error("usage: node server.mjs <port> <connection string>");
  process.exit(2);
}

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  return query.apply(this, args);
};

const preset = {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  // NULLs sort last in both directions, as our API sorts skill weights (share, rank, importance).
  schema: { pgOrderByNullsLast: true },
  pgServices: [makePgService({ connectionString, schemas: ["public"] })],
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const handler = serv.createHandler();
const server = createServer((req, res) =>
  handler(req, res, () => {
    if (req.method === "GET" && req.url === "/statements") {
      res.end(`${statements}\n`);
    } else {
      res.statusCode = 404;
      res.end();
    }
  }),
);
server.once("listening", () => console.log(`PostGraphile: http://127.0.0.1:${port}/graphql`));
server.listen(Number(port), "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
}
