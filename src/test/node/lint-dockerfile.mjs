// Lints a Dockerfile with dockerfile-utils (the linter behind the VS Code Docker extension); every diagnostic fails.
// Usage: node lint-dockerfile.mjs <Dockerfile>
import { readFileSync } from "node:fs";
import { validate } from "dockerfile-utils";

const path = process.argv[2];
const content = readFileSync(path, "utf8");
// The defaults flag real mistakes (unknown instructions and flags, bad ports, ...); every optional rule is switched on
// as well (severity 1 = error): deprecated MAINTAINER, casing, several CMD/ENTRYPOINT/HEALTHCHECK in a stage, JSON
// in single quotes, a relative WORKDIR, empty continuation lines.
const all = 1;
const diagnostics = validate(content, {
  deprecatedMaintainer: all,
  directiveCasing: all,
  emptyContinuationLine: all,
  instructionCasing: all,
  instructionCmdMultiple: all,
  instructionEntrypointMultiple: all,
  instructionHealthcheckMultiple: all,
  instructionJSONInSingleQuotes: all,
  instructionWorkdirRelative: all,
});
if (diagnostics.length === 0) {
  console.log(`${path}: no findings`);
  process.exit(0);
}
for (const d of diagnostics) {
  console.log(`${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
}
process.exit(1);
