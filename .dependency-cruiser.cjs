/**
 * The layers (docs/architecture.md, ADR 015); every import points down:
 *
 *   app (routes, components, hooks, lib)   → core, app/server
 *   app/server, worker (server services)   → core, db, party
 *   party (the org's object)               → core, db
 *   db (schemas, queries)                  → core
 *   core (rules: roles, fields, money, …)  → nothing of the project
 *
 * seed/, bench/, tests/ and scripts/ sit on top and may use any layer. `npm test` runs this.
 */
const PROJECT = "^(app|core|db|party|worker|seed|bench|tests|scripts|migrations)/";

module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "core/ holds the rules every layer shares; it imports nothing else of the project",
      severity: "error",
      from: { path: "^core/" },
      to: { path: PROJECT, pathNot: "^core/" },
    },
    {
      name: "db-imports-only-core",
      comment: "db/ (schemas, queries) sits right above core/",
      severity: "error",
      from: { path: "^db/" },
      to: { path: PROJECT, pathNot: "^(core|db)/" },
    },
    {
      name: "party-imports-core-and-db",
      comment: "the org's object uses the rules and its database, never the app or the Worker",
      severity: "error",
      from: { path: "^party/" },
      to: { path: PROJECT, pathNot: "^(core|db|party|migrations)/" },
    },
    {
      name: "server-imports-down",
      comment: "server services (app/server, worker) use core, db and party; never pages or components",
      severity: "error",
      from: { path: "^(app/server|worker)/" },
      to: { path: PROJECT, pathNot: "^(core|db|party|app/server|worker|migrations)/" },
    },
    {
      name: "app-imports-core-and-server",
      comment: "routes, components and hooks reach data through app/server, never a database or the object",
      severity: "error",
      from: { path: "^app/", pathNot: "^app/server/" },
      to: { path: "^(db|party|worker|seed|bench|tests|scripts|migrations)/" },
    },
    {
      name: "no-cycles",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|dist|node_modules|\\.wrangler)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
