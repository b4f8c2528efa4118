// Validates a Slack app manifest (YAML) against Slack's published manifest JSON schema (slackapi/manifest-schema, v1).
// Usage: node validate-slack-manifest.mjs <manifest.yml> <manifest.schema.1.0.0.json>
// Exit 0 when valid; 1 with one line per violation otherwise.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const [manifestPath, schemaPath] = process.argv.slice(2);
if (!manifestPath || !schemaPath) {
  console.error("usage: validate-slack-manifest.mjs <manifest.yml> <schema.json>");
  process.exit(2);
}
const manifest = parse(readFileSync(manifestPath, "utf8"));
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// strict: false because the schema uses a non-standard `regex` keyword (background_color); it is ignored, as by every
// draft-07 validator, and the test checks the colour itself.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (validate(manifest)) {
  console.log(`${manifestPath}: valid against ${schema.title ?? schemaPath}`);
  process.exit(0);
}
for (const e of validate.errors) {
  console.log(`${manifestPath}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
process.exit(1);
