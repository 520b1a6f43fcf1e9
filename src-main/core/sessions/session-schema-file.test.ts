// resources/session.schema.json is what `npm run schema` generates from the zod schema today (kept here: src-shared tests may not touch node:fs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SESSION_SCHEMA_FILE, sessionJsonSchema } from '../../../src-shared/session-json-schema';
import { SESSION_VERSION } from '../../../src-shared/limits';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('session JSON Schema', () => {
  it('the committed file equals the generated one (run `npm run schema` after changing session.ts)', () => {
    expect(readFileSync(join(ROOT, SESSION_SCHEMA_FILE), 'utf8')).toBe(sessionJsonSchema());
  });

  it('describes a strict, versioned document', () => {
    const schema = JSON.parse(sessionJsonSchema()) as Record<string, unknown>;
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['version', 'id', 'title', 'historyMode', 'panes']),
      properties: { version: { const: SESSION_VERSION } },
    });
  });
});
