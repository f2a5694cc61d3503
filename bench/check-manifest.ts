/**
 * Validates manifest.yml against Slack's published app-manifest JSON Schema (draft-07) with ajv.
 * The schema is read from ../shared/slack (or the path given as the first argument); it is not
 * part of the repository. Prints JSON; exits 1 when the manifest is invalid.
 *
 *   npx tsx bench/check-manifest.ts [schema.json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const schemaPath = process.argv[2] ?? '../shared/slack/manifest.schema.1.0.0.json';
if (!existsSync(schemaPath)) {
  process.stdout.write(`${JSON.stringify({ checked: false, reason: `schema not found: ${schemaPath}` })}\n`);
  process.exit(0);
}
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
const manifest: unknown = parse(readFileSync('manifest.yml', 'utf8'));
// strict: false because Slack's schema uses a non-standard `regex` keyword beside the standard ones.
const ajv = new Ajv({ allErrors: true, strict: false });
const valid = ajv.validate(schema, manifest);
const errors = (ajv.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
process.stdout.write(`${JSON.stringify({ checked: true, schema: schemaPath, valid, errors }, null, 2)}\n`);
process.exit(valid ? 0 : 1);
