// Lints a Dockerfile with dockerfile-utils (the linter behind the VS Code Docker extension); every diagnostic fails.
// Usage: node lint-dockerfile.mjs <Dockerfile>
import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";

const path = process.argv[2];
const content = readFileSync(path, "utf8");
// Defaults flag real mistakes (unknown instructions, bad flags, duplicate CMD/ENTRYPOINT/HEALTHCHECK, ...);
// deprecated MAINTAINER and empty continuation lines are raised to errors too.
const diagnostics = validate(content, { deprecatedMaintainer: 1, emptyContinuationLine: 1 });
if (diagnostics.length === 0) {
  console.log(`${path}: no findings`);
  process.exit(0);
}
for (const d of diagnostics) {
  console.log(`${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
}
process.exit(1);
