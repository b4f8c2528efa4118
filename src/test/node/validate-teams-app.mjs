// Validates a Teams app package directory (manifest.json plus its localization files) with Microsoft's
// @microsoft/app-manifest, against the official schemas that package bundles (no network).
// Usage: node validate-teams-app.mjs <directory>
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AppManifestUtils, TeamsManifestConverter } from "@microsoft/app-manifest";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const dir = process.argv[2];
if (!dir) {
  console.error("usage: validate-teams-app.mjs <directory>");
  process.exit(2);
}
const schemasRoot = join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");
const readJson = (p) => JSON.parse(readFileSync(p, "utf8").replace(/^\uFEFF/, ""));

const failures = [];
const manifestText = readFileSync(join(dir, "manifest.json"), "utf8");
// The package's own typed reader: throws on a manifest whose shape does not match its declared manifestVersion.
const manifest = TeamsManifestConverter.jsonToManifest(manifestText);
const version = manifest.manifestVersion;
const schemaDir = join(schemasRoot, `v${version}`);
if (!existsSync(schemaDir)) {
  console.log(`manifest.json: manifestVersion ${version} has no bundled schema`);
  process.exit(1);
}
const schema = readJson(join(schemaDir, "MicrosoftTeams.schema.json"));
for (const f of await AppManifestUtils.validateAgainstSchema(manifest, schema)) {
  failures.push(`manifest.json: ${f}`);
}

// Localization files, against the localization schema of the same version.
const localizationSchema = readJson(join(schemaDir, "MicrosoftTeams.Localization.schema.json"));
// unicodeRegExp: false because the published localization schema has patterns that are not valid in Unicode mode.
const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
addFormats(ajv, ["uri", "email", "regex"]);
const validateLocalization = ajv.compile(localizationSchema);
for (const lang of manifest.localizationInfo?.additionalLanguages ?? []) {
  const path = join(dir, lang.file);
  if (!existsSync(path)) {
    failures.push(`${lang.file}: missing (named by localizationInfo for ${lang.languageTag})`);
    continue;
  }
  const localized = readJson(path);
  if (!validateLocalization(localized)) {
    for (const e of validateLocalization.errors) {
      failures.push(`${lang.file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}
for (const icon of [manifest.icons?.color, manifest.icons?.outline]) {
  if (!icon || !existsSync(join(dir, icon))) {
    failures.push(`icon ${icon}: missing`);
  }
}
if (failures.length === 0) {
  console.log(`${dir}: valid Teams app (manifest ${version}, ${(manifest.localizationInfo?.additionalLanguages ?? []).length} localization file(s))`);
  process.exit(0);
}
failures.forEach((f) => console.log(f));
process.exit(1);
