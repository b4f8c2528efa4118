// Validates Kubernetes objects (multi-document YAML files) offline against the Kubernetes API's OpenAPI schemas,
// as bundled by the npm package kubernetes-models. Objects of the CloudNativePG operator (postgresql.cnpg.io), whose
// CRD schemas no registry reachable here publishes, get a structural check of the fields Pacer relies on.
// Usage: node validate-kubernetes.mjs <file.yaml>...   Prints one line per object; exit 1 on any failure.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const files = process.argv.slice(2);
let failures = 0;
let checked = 0;

function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
  try {
    return require(path)[kind];
  } catch {
    return undefined;
  }
}

const cnpg = {
  Cluster(o) {
    const s = o.spec ?? {};
    const errors = [];
    if (!Number.isInteger(s.instances) || s.instances < 1) errors.push("spec.instances must be a positive integer");
    if (!s.storage?.size) errors.push("spec.storage.size is required");
    if (s.backup && !s.backup.barmanObjectStore && !s.backup.volumeSnapshot) {
      errors.push("spec.backup needs barmanObjectStore or volumeSnapshot");
    }
    if (s.backup?.barmanObjectStore && !s.backup.barmanObjectStore.destinationPath) {
      errors.push("spec.backup.barmanObjectStore.destinationPath is required");
    }
    return errors;
  },
  ScheduledBackup(o) {
    const s = o.spec ?? {};
    const errors = [];
    // CNPG's schedule has six fields (seconds first), unlike a CronJob's five.
    if (typeof s.schedule !== "string" || s.schedule.trim().split(/\s+/).length !== 6) {
      errors.push("spec.schedule must be a six-field cron expression (seconds first)");
    }
    if (!s.cluster?.name) errors.push("spec.cluster.name is required");
    return errors;
  },
};

for (const file of files) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) {
      doc.errors.forEach((e) => console.log(`${file}: YAML ${e.message}`));
      failures++;
      continue;
    }
    const o = doc.toJS();
    if (o == null) continue; // empty document (a trailing ---, a template that rendered nothing)
    const name = `${file}: ${o.apiVersion}/${o.kind} ${o.metadata?.name ?? "(no name)"}`;
    checked++;
    if (!o.apiVersion || !o.kind || !o.metadata?.name) {
      console.log(`${name}: FAIL apiVersion, kind and metadata.name are required`);
      failures++;
      continue;
    }
    if (o.apiVersion === "postgresql.cnpg.io/v1" && cnpg[o.kind]) {
      const errors = cnpg[o.kind](o);
      console.log(errors.length ? `${name}: FAIL ${errors.join("; ")}` : `${name}: ok (CloudNativePG structural check)`);
      failures += errors.length ? 1 : 0;
      continue;
    }
    const Model = modelFor(o.apiVersion, o.kind);
    if (!Model) {
      console.log(`${name}: FAIL unknown apiVersion/kind for the Kubernetes API schemas`);
      failures++;
      continue;
    }
    try {
      new Model(o).validate();
      console.log(`${name}: ok`);
    } catch (e) {
      console.log(`${name}: FAIL ${e.message}`);
      failures++;
    }
  }
}
console.log(`${checked} object(s) checked, ${failures} failure(s)`);
process.exit(failures || checked === 0 ? 1 : 0);
