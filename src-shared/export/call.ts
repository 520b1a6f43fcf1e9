// What one create call sends, independent of language: every setting the app's request builder writes for a pane,
// the MCP headers a script reads from its environment, and the mocks that answer the pane's function calls.
import { resultValue } from '../function-results';
import type { PaneConfig, PaneHistory } from '../domain';
import type { GenerationConfig } from '../interactions';
import { buildCreateRequest } from '../request';
import { type FunctionDecl, mcpHeaderEnv } from '../settings/structured';
import { imageExtension } from '../image-output';

/** An MCP header a script sends: its value is read from the environment variable `env`, never written in the script. */
export interface McpHeaderRead {
  header: string;
  env: string;
}

/** One create call's settings; `input` is the generator's business (text, parts, or a history). */
export interface Call {
  model: string;
  systemInstruction?: string;
  /**
   * Every other top-level member the app sends (tools, response_format, safety_settings, and whatever the request
   * builder adds later), as buildCreateRequest wrote it: a field the export does not know is still exported.
   */
  settings: Record<string, unknown>;
  /** The headers of each MCP server in `settings.tools` that names some (McpServer.headerNames), by server name. */
  mcpHeaders: { server: string; headers: McpHeaderRead[] }[];
  generationConfig?: GenerationConfig;
  /**
   * The pane declares functions: the script answers every function call with the function's mock result, name →
   * result (a function without a mock answers {}), until the model answers. Such a call is never streamed.
   */
  mocks?: Record<string, unknown>;
  /** The answer is JSON (response_format with mime_type application/json): the script prints it parsed, indented. */
  json: boolean;
  /** The pane asks for images (response_format image): the script prints the text and writes each image to image_N.<extension>. */
  images?: { extension: string };
  /** store: false — stateless history. */
  stateless: boolean;
  /** previous_interaction_id = the previous turn's id. */
  chained: boolean;
  stream: boolean;
}

export interface CallOptions {
  stream: boolean;
  stateless: boolean;
  chained: boolean;
}

/**
 * What a mock answers: a JSON object as the object, anything else (a list, which the API would read as content
 * parts; a number; text) as the text written. A mock that no longer parses (hand-edited) answers as its text.
 */
export function mockResult(mock: string): unknown {
  // The app's own rule (function-results.ts), so an exported script answers exactly as the app does.
  const value = resultValue(mock);
  return value.ok ? value.result : mock;
}

function mocksOf(functions: readonly FunctionDecl[]): Record<string, unknown> {
  return Object.fromEntries(functions.filter((f) => f.mock !== undefined).map((f) => [f.name, mockResult(f.mock!)]));
}

/** The header names of each MCP server the call sends, each read from its environment variable. */
function mcpHeadersOf(config: PaneConfig, tools: unknown): Call['mcpHeaders'] {
  const sent = new Set((Array.isArray(tools) ? (tools as { type?: unknown; name?: unknown }[]) : []).filter((t) => t.type === 'mcp_server').map((t) => t.name));
  return (config.mcpServers ?? [])
    .filter((server) => sent.has(server.name) && (server.headerNames?.length ?? 0) > 0)
    .map((server) => ({ server: server.name, headers: server.headerNames!.map((header) => ({ header, env: mcpHeaderEnv(server.name, header) })) }));
}

export function toCall(config: PaneConfig, options: CallOptions): Call {
  const functions = config.functions?.length ? config.functions : undefined;
  // Answering function calls needs each interaction whole (its status, its function_call steps); a stream's last
  // event carries neither, so a pane with functions is not streamed.
  // An image comes whole in one event, so a pane asking for images is not streamed either: the script reads
  // the interaction's steps once, text and images in their order.
  const stream = options.stream && !functions && !config.imageOutput;
  // The app's builder decides what is sent (blank system instruction dropped, unset config absent).
  const history: PaneHistory = options.stateless
    ? { mode: 'stateless', steps: [] }
    : options.chained
      ? { mode: 'server', previousInteractionId: 'previous' }
      : { mode: 'none' };
  const body = buildCreateRequest(config, { text: '' }, { stream, history });
  // What the script writes itself (input, history, chaining, streaming) aside, every member is a setting.
  const { model, system_instruction, generation_config, input: _input, store, previous_interaction_id, stream: streamed, ...settings } = body;
  return {
    model,
    ...(system_instruction !== undefined ? { systemInstruction: system_instruction } : {}),
    settings,
    mcpHeaders: mcpHeadersOf(config, settings.tools),
    ...(generation_config !== undefined ? { generationConfig: generation_config } : {}),
    ...(functions ? { mocks: mocksOf(functions) } : {}),
    json: settings.response_format?.mime_type === 'application/json',
    ...(config.imageOutput ? { images: { extension: imageExtension(config.imageOutput.mimeType ?? 'image/png') } } : {}),
    stateless: store === false,
    chained: previous_interaction_id !== undefined,
    stream: streamed === true,
  };
}

/** What a call sends, as text to compare: two configs that send the same are the same pane settings. */
export const sends = (config: PaneConfig, options: CallOptions): string => JSON.stringify(toCall(config, options));

/**
 * One environment variable per MCP server and header across a script's calls. mcpHeaderEnv spells "a-b" and
 * "a_b" (or "Docs" and "docs") alike, and each server's token is its own, so a name an earlier pair took gets
 * _2, _3… The same server and header (its name compared ignoring case, as HTTP does) keeps one variable.
 */
export function distinctHeaderEnvs(calls: readonly Call[]): void {
  const byPair = new Map<string, string>();
  const taken = new Set<string>();
  for (const { mcpHeaders } of calls) {
    for (const { server, headers } of mcpHeaders) {
      for (const read of headers) {
        const pair = JSON.stringify([server, read.header.toLowerCase()]);
        let env = byPair.get(pair);
        if (env === undefined) {
          const base = mcpHeaderEnv(server, read.header);
          env = base;
          for (let n = 2; taken.has(env); n++) env = `${base}_${n}`;
          taken.add(env);
          byPair.set(pair, env);
        }
        read.env = env;
      }
    }
  }
}
