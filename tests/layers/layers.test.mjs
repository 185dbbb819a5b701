// The layer rules (.dependency-cruiser.cjs) hold on the project, and they do catch a planted
// upward import, an app page reaching a database, and a cycle, in a throwaway tree of their own.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";

const root = resolve(import.meta.dirname, "../..");
const config = join(root, ".dependency-cruiser.cjs");
const depcruise = join(root, "node_modules/.bin/depcruise");

function cruise(cwd, ...paths) {
  const run = spawnSync(depcruise, [...paths, "--config", config, "--output-type", "err"], { cwd, encoding: "utf8" });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

function tree(files) {
  const dir = mkdtempSync(join(tmpdir(), "layers-"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler" } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test("the project's imports keep to the layers", () => {
  const { code, output } = cruise(root, "app", "core", "db", "party", "worker", "seed");
  assert.equal(code, 0, output);
});

test("an upward import, a page reaching the database and a cycle are each refused", () => {
  const dir = tree({
    "core/money.ts": 'import { columns } from "../db/columns";\nexport const money = columns;\n',
    "db/columns.ts": "export const columns = 1;\n",
    "app/routes/page.ts": 'import { columns } from "../../db/columns";\nexport const page = columns;\n',
    "party/a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
    "party/b.ts": 'import { a } from "./a";\nexport const b = () => a;\n',
  });
  try {
    const { code, output } = cruise(dir, "app", "core", "db", "party");
    assert.notEqual(code, 0);
    assert.match(output, /core-is-pure: core\/money\.ts → db\/columns\.ts/);
    assert.match(output, /app-imports-core-and-server: app\/routes\/page\.ts → db\/columns\.ts/);
    assert.match(output, /no-cycles: party\/a\.ts → /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
