#!/usr/bin/env node
// Lines of source and configuration stay within 120 characters (the formatter's width; it does
// not break strings or comments, so this catches those). Generated files are left out.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const SOURCE = /\.(ts|tsx|mjs|cjs|js|css|toml)$/;
const GENERATED = /^(worker-configuration\.d\.ts|migrations\/)/;

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => SOURCE.test(file) && !GENERATED.test(file));
const long = files.flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) => ([...line].length > MAX ? [`${file}:${i + 1}: ${[...line].length} characters`] : [])),
);
for (const line of long) console.error(line);
console.log(`line length: ${long.length} of ${files.length} files' lines over ${MAX} characters`);
process.exit(long.length === 0 ? 0 : 1);
