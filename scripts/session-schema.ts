// npm run schema: regenerates resources/session.schema.json from the zod session schema.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SESSION_SCHEMA_FILE, sessionJsonSchema } from '../src-shared/session-json-schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, SESSION_SCHEMA_FILE), sessionJsonSchema());
console.log(`wrote ${SESSION_SCHEMA_FILE}`);
