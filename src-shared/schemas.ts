// Runtime validation of every IPC argument: strict objects, bounded strings and arrays.
import { z } from 'zod';
import { THEMES, checkNumber, rangeMessage, type NumberPreference } from './app-settings';
import type { ApiMethod } from './contract';
import { MAX_ID, MAX_PANES, MAX_TEXT, paneConfigSchema, paneConfigWireSchema } from './pane-config-schema';
import { MAX_IMAGES_PER_TURN, SESSION_ID_PATTERN, imageRefSchema, sessionSchema } from './session';
import { MAX_RESULTS, SERVICE_TIERS } from './eval/constants';
import { SHA256_HEX } from './images';
import { cellResultSchema } from './eval/test-set';
import { HEADER_NAME, MAX_FUNCTIONS } from './settings/structured';
import { MAX_DISCARDED_TURNS, MAX_MCP_HEADERS } from './limits';

export { MAX_PANES, MAX_TEXT, paneConfigSchema };

const id = z.string().min(1).max(MAX_ID);
/** The renderer names requests; main's crash journal names a file after one, so it is file-safe. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Not a request id');
/** Ids that name a file on disk are checked here already, so no path ever reaches the repository. */
export const sessionIdSchema = z.string().regex(SESSION_ID_PATTERN, 'Not a session id');
/** Undo tokens are "<deletedAtMs>-<sessionId>" (see src-main/core/sessions/repository.ts). */
export const undoTokenSchema = z.string().regex(/^\d{13}-[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'Not an undo token');

/** Steps come back to main verbatim for stateless history; bounded, not interpreted. */
const stepSchema = z.looseObject({ type: z.string().min(1).max(100) });

const historySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.literal('server'), previousInteractionId: id }),
  z.strictObject({ mode: z.literal('stateless'), steps: z.array(stepSchema).max(10_000) }),
]);

/** An answer to one function call, as the person typed it or a mock gave it (FunctionResultStep). */
const functionResultSchema = z.strictObject({
  type: z.literal('function_result'),
  call_id: z.string().min(1).max(500),
  name: z.string().max(200).optional(),
  result: z.union([z.string().max(MAX_TEXT), z.record(z.string(), z.unknown()), z.array(z.unknown()).max(1_000)]),
  is_error: z.boolean().optional(),
});

export const startTurnSchema = z.strictObject({
  input: z.strictObject({
    text: z.string().max(MAX_TEXT),
    images: z.array(imageRefSchema).max(MAX_IMAGES_PER_TURN).optional(),
  }),
  panes: z
    .array(
      z.strictObject({
        requestId: requestIdSchema,
        paneId: id,
        config: paneConfigWireSchema,
        history: historySchema.optional(),
        functionResults: z.array(functionResultSchema).min(1).max(MAX_FUNCTIONS * 4).optional(),
        turnId: requestIdSchema.optional(),
        replaces: requestIdSchema.optional(),
        serviceTier: z.enum(SERVICE_TIERS).optional(),
      }),
    )
    .min(1)
    .max(MAX_PANES),
  /** The session the turn belongs to: lets main journal the stream (crash recovery). */
  sessionId: sessionIdSchema.optional(),
});

const noArgs = z.undefined();
// A file name only (no folders): where it goes is the person's choice in a dialog.
const fileNameSchema = z.string().trim().min(1).max(200).regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/, 'A file name, without folders');
/** A script and the files beside it (an exported suite writes two). */
const MAX_FOLDER_FILES = 10;

/** A whole number within the preference's bounds, or null for its default (app-settings.ts words the refusal). */
const preferenceNumber = (name: NumberPreference) =>
  z
    .number()
    .refine((value) => checkNumber(name, value).ok, rangeMessage(name))
    .nullable()
    .optional();

export const ARG_SCHEMAS = {
  getKeyStatus: noArgs,
  setKey: z.strictObject({ key: z.string().trim().min(1, 'Enter a key').max(512) }),
  clearKey: noArgs,
  // Header names as HTTP allows them; values are bounded and may not break a header line.
  setMcpHeaders: z.strictObject({
    url: z.url({ protocol: /^https$/ }).max(2_000),
    headers: z
      .record(z.string().regex(HEADER_NAME, 'Not a header name'), z.string().max(8_000).regex(/^[^\r\n\0]*$/, 'A header value is one line'))
      .refine((headers) => Object.keys(headers).length <= MAX_MCP_HEADERS, `At most ${MAX_MCP_HEADERS} headers for one server`),
  }),
  listMcpHeaders: noArgs,
  getSettings: noArgs,
  updateSettings: z.strictObject({
    baseUrl: z.string().max(2_000).nullable().optional(),
    maxImageMb: z.number().min(1, 'Between 1 and 100 MB').max(100, 'Between 1 and 100 MB').nullable().optional(),
    inlineImageMaxMb: z.number().min(0, 'Between 0 and 20 MB').max(20, 'Between 0 and 20 MB').nullable().optional(),
    headersTimeoutSeconds: preferenceNumber('headersTimeoutSeconds'),
    idleTimeoutSeconds: preferenceNumber('idleTimeoutSeconds'),
    concurrency: preferenceNumber('concurrency'),
    theme: z.enum(THEMES).nullable().optional(),
    defaultModel: z.string().max(1_000).nullable().optional(),
    collapseSettingsOnSend: z.boolean().nullable().optional(),
  }),
  listModels: noArgs,
  // The size limit is checked in main, so the person is told the size and the limit.
  addMedia: z.strictObject({ name: z.string().max(1_000), bytes: z.instanceof(Uint8Array) }),
  start: startTurnSchema,
  cancelTurn: z.strictObject({ requestIds: z.array(id).max(1_000).optional() }),
  openExternal: z.strictObject({ url: z.string().max(2_048) }),
  openDataFolder: noArgs,
  closeReady: z.strictObject({ saved: z.boolean(), problem: z.string().max(2_000).optional() }),
  listSessions: z.strictObject({ query: z.string().max(1_000).optional() }),
  getSession: z.strictObject({ id: sessionIdSchema }),
  // The id names a file: the IPC accepts only file-safe ids (the document schema itself is looser).
  saveSession: z.strictObject({
    session: sessionSchema.extend({ id: sessionIdSchema }),
    results: z
      .strictObject({
        since: z.iso.datetime(),
        put: z.array(cellResultSchema).max(MAX_RESULTS),
        remove: z.array(z.strictObject({ caseId: id, paneId: id })).max(MAX_RESULTS),
      })
      .optional(),
  }),
  discardTurns: z.strictObject({ sessionId: sessionIdSchema, turnIds: z.array(id).min(1).max(MAX_DISCARDED_TURNS) }),
  deleteSession: z.strictObject({ id: sessionIdSchema }),
  restoreSession: z.strictObject({ undoToken: undoTokenSchema }),
  duplicateSession: z.strictObject({ id: sessionIdSchema }),
  exportSessionFile: z.strictObject({ id: sessionIdSchema }),
  importSessionFile: noArgs,
  exportTranscript: z.strictObject({ id: sessionIdSchema, paneIndex: z.number().int().min(0).max(MAX_PANES - 1).optional() }),
  storageProblems: noArgs,
  saveTextFile: z.strictObject({ suggestedName: fileNameSchema, text: z.string().max(MAX_TEXT) }),
  saveFilesToFolder: z.strictObject({
    files: z
      .array(z.strictObject({ name: fileNameSchema.refine((name) => !/^\.+$/.test(name), 'A file name, not . or ..'), text: z.string().max(MAX_TEXT) }))
      .min(1)
      .max(MAX_FOLDER_FILES)
      .refine((files) => new Set(files.map((f) => f.name.trim().toLowerCase())).size === files.length, 'Each file needs a name of its own'),
  }),
  saveImage: z.strictObject({ sha256: z.string().regex(SHA256_HEX, 'Not a stored image'), suggestedName: fileNameSchema }),
} satisfies Record<ApiMethod, z.ZodType>;

/** The first problem, phrased for a person; paths name the field ("panes.0.config.temperature"). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
