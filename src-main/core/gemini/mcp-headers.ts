// MCP header values go into the request main sends, and nowhere else: the request shown to the renderer carries
// each value as REDACTED, and whatever the API echoes (the interaction's `tools`, an MCP server's tool steps, an
// error message) is cleaned of them before it leaves main. The values come from mcp-secrets.ts.
import { REDACTED, type PaneConfig } from '../../../src-shared/domain';
import type { CreateInteractionRequest, Tool } from '../../../src-shared/interactions';
import { redactorFor } from '../redact';

/** The headers main holds for a server URL (McpSecrets.headersFor); may throw a STORAGE failure. */
export type McpHeaderLookup = (url: string) => Record<string, string> | undefined;

export interface WithMcpHeaders {
  /** The request to send: each mcp_server tool with the headers held for its URL. */
  sent: CreateInteractionRequest;
  /** The same request with every header value replaced by REDACTED: for the `started` event. */
  shown: CreateInteractionRequest;
  /** The values put in, to clean from anything the API says back. */
  values: string[];
}

/**
 * Adds the headers held for each mcp_server tool's URL. When the pane's server lists `headerNames`, only those
 * headers go (names compared ignoring case, as HTTP does), so a pane can leave out a token main holds for the
 * URL, and sends what its exports read from the environment; a server without `headerNames` gets every header
 * held for its URL, so headers set in main work without naming them twice.
 */
export function withMcpHeaders(body: CreateInteractionRequest, config: PaneConfig, lookup: McpHeaderLookup | undefined): WithMcpHeaders {
  const tools = body.tools;
  if (!lookup || !tools?.some((t) => t.type === 'mcp_server')) return { sent: body, shown: body, values: [] };
  const sent: Tool[] = [];
  const shown: Tool[] = [];
  const values: string[] = [];
  for (const tool of tools) {
    const held = tool.type === 'mcp_server' && typeof tool.url === 'string' ? lookup(tool.url) : undefined;
    const listed = config.mcpServers?.find((s) => s.name === tool.name && s.url === tool.url)?.headerNames;
    const headers = held ? pick(held, listed) : {};
    if (Object.keys(headers).length === 0) {
      sent.push(tool);
      shown.push(tool);
      continue;
    }
    sent.push({ ...tool, headers });
    shown.push({ ...tool, headers: redacted(headers) });
    values.push(...Object.values(headers));
  }
  return { sent: { ...body, tools: sent }, shown: { ...body, tools: shown }, values };
}

function pick(held: Record<string, string>, listed: readonly string[] | undefined): Record<string, string> {
  if (!listed?.length) return { ...held };
  const wanted = new Set(listed.map((n) => n.toLowerCase()));
  return Object.fromEntries(Object.entries(held).filter(([name]) => wanted.has(name.toLowerCase())));
}

function redacted(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED]));
}

/**
 * An interaction as the API describes it may echo the request's `tools` (Interaction.tools in the typings), headers
 * included: every header value there becomes REDACTED.
 */
export function redactToolHeaders<T extends object>(value: T): T {
  const tools = (value as { tools?: unknown }).tools;
  if (!Array.isArray(tools)) return value;
  const clean = tools.map((tool: unknown) => {
    if (typeof tool !== 'object' || tool === null) return tool;
    const headers = (tool as { headers?: unknown }).headers;
    if (typeof headers !== 'object' || headers === null) return tool;
    return { ...tool, headers: Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED])) };
  });
  return { ...value, tools: clean };
}

/** The steps an MCP server's answer comes in: what it was sent may come back in them. */
const MCP_STEPS = new Set(['mcp_server_tool_call', 'mcp_server_tool_result']);

/**
 * `steps` with every header value sent (`values`) REDACTED in the MCP servers' tool calls and results: a server
 * that quotes a token it refused, or echoes its request, would otherwise put it in the window, the journal and
 * the saved session. Other steps are the model's and pass as they streamed.
 */
export function redactMcpSteps<T extends { type: string }>(steps: readonly T[], values: readonly string[]): T[] {
  if (values.length === 0 || !steps.some((step) => MCP_STEPS.has(step.type))) return [...steps];
  const text = redactorFor(values);
  return steps.map((step) => (MCP_STEPS.has(step.type) ? (everyString(step, text) as T) : step));
}

function everyString(value: unknown, text: (value: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => everyString(item, text));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, everyString(item, text)]));
}
