// The steps of the server-side tools a request declares (Google Search, URL context, code execution, MCP servers):
// deterministic calls derived from the prompt and canned results, in the step shapes of the typings.
import { randomBytes } from 'node:crypto';
import { tokensFor } from './answers';
import { type Markers, withoutMarkers } from './markers';
import type { DeclaredTools, McpServer, ToolStep } from './tool-types';

const QUERY_CHARS = 80;
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`()[\]{}]+/g;
const DEFAULT_URL = 'https://example.com/page';
/** A URL naming one of these gets it as its status, so clients can show every outcome. */
const URL_STATUSES = ['paywall', 'unsafe', 'error'] as const;

export interface ServerToolUse {
  steps: ToolStep[];
  toolUseTokens: number;
  /** Google Search ran: the answer is grounded and cites its sources. */
  searched: boolean;
}

/** Ids are opaque to clients; random like the interaction ids, and unique within an interaction. */
export function newCallId(): string {
  return randomBytes(6).toString('hex');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function searchQueries(prompt: string): string[] {
  const topic = withoutMarkers(prompt).slice(0, QUERY_CHARS).trim() || 'today';
  return [topic, `${topic} explained`];
}

function searchSuggestions(queries: string[]): string {
  const chips = queries.map((q) => `<a class="chip" href="https://www.google.com/search?q=${encodeURIComponent(q)}">${escapeHtml(q)}</a>`);
  return `<div class="container">${chips.join('')}</div>`;
}

export function urlsIn(prompt: string): string[] {
  const found = [...prompt.matchAll(URL_IN_TEXT)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
  return found.length > 0 ? [...new Set(found)] : [DEFAULT_URL];
}

export function urlStatus(url: string): string {
  return URL_STATUSES.find((status) => url.toLowerCase().includes(status)) ?? 'success';
}

/** A program whose output the fake knows without running it: the word count of the prompt. */
function program(prompt: string, fails: boolean): { code: string; output: string } {
  const text = withoutMarkers(prompt).slice(0, QUERY_CHARS);
  const lines = [`text = ${JSON.stringify(text)}`, 'words = text.split()', fails ? 'print(len(words) / 0)' : 'print(len(words))'];
  const output = fails
    ? 'Traceback (most recent call last):\n  File "<string>", line 3, in <module>\nZeroDivisionError: division by zero\n'
    : `${text.split(/\s+/).filter(Boolean).length}\n`;
  return { code: `${lines.join('\n')}\n`, output };
}

function mcpSteps(server: McpServer, prompt: string): ToolStep[] {
  const id = newCallId();
  const name = server.allowed_tools?.find((a) => (a.tools ?? []).length > 0)?.tools?.[0] ?? 'search';
  const query = withoutMarkers(prompt).slice(0, QUERY_CHARS);
  // Header names only: the values are secrets, and the fake's request log already holds them for tests.
  const headers = Object.keys(server.headers ?? {}).sort();
  const text = `${server.name}.${name} answered ${JSON.stringify(query)} (headers: ${headers.length > 0 ? headers.join(', ') : 'none'})`;
  return [
    { type: 'mcp_server_tool_call', id, name, server_name: server.name, arguments: { query } },
    { type: 'mcp_server_tool_result', call_id: id, name, server_name: server.name, result: [{ type: 'text', text }] },
  ];
}

export function serverToolSteps(tools: DeclaredTools, prompt: string, markers: Markers): ServerToolUse {
  const steps: ToolStep[] = [];
  if (tools.googleSearch) {
    const id = newCallId();
    const queries = searchQueries(prompt);
    steps.push({ type: 'google_search_call', id, arguments: { queries } });
    steps.push({ type: 'google_search_result', call_id: id, result: [{ search_suggestions: searchSuggestions(queries) }] });
  }
  if (tools.urlContext) {
    const id = newCallId();
    const urls = urlsIn(prompt);
    steps.push({ type: 'url_context_call', id, arguments: { urls } });
    steps.push({ type: 'url_context_result', call_id: id, result: urls.map((url) => ({ url, status: urlStatus(url) })) });
  }
  if (tools.codeExecution) {
    const id = newCallId();
    const { code, output } = program(prompt, markers.codeError);
    steps.push({ type: 'code_execution_call', id, arguments: { code, language: 'python' } });
    steps.push({ type: 'code_execution_result', call_id: id, result: output, ...(markers.codeError ? { is_error: true } : {}) });
  }
  for (const server of tools.mcpServers) steps.push(...mcpSteps(server, prompt));
  const toolUseTokens = steps
    .filter((s) => s.type.endsWith('_result'))
    .reduce((sum, s) => sum + tokensFor(JSON.stringify(s.result).length), 0);
  return { steps, toolUseTokens, searched: tools.googleSearch };
}
