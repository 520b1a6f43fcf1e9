// The JSON Schema of a saved-session document (resources/session.schema.json), generated from the zod
// schema so the two cannot drift: `npm run schema` writes it, session-json-schema.test.ts checks it.
import { z } from 'zod';
import { sessionSchema } from './session';

export const SESSION_SCHEMA_FILE = 'resources/session.schema.json';

export function sessionJsonSchema(): string {
  const generated = z.toJSONSchema(sessionSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = {
    $schema,
    title: 'Gemini Prompt Playground session',
    description:
      'One saved session (sessions/<id>.json in the app data folder, or the "session" of an exported file). Generated from src-shared/session.ts by `npm run schema`.',
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
