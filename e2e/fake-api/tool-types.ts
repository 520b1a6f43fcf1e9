// Wire shapes of tools and tool steps (from @google/genai 3.3 genai.d.ts), kept here because the app's own
// src-shared/interactions.ts holds only what the app reads.

export type JsonSchema = Record<string, unknown>;

export interface FunctionDeclaration {
  type: 'function';
  name: string;
  description?: string;
  parameters?: JsonSchema;
}

/** `AllowedTools` of the typings: used by mcp_server entries and by tool_choice. */
export interface AllowedTools {
  mode?: string;
  tools?: string[];
}

export interface McpServer {
  type: 'mcp_server';
  name: string;
  url: string;
  headers?: Record<string, string>;
  allowed_tools?: AllowedTools[];
}

/** What a (validated) request declares, in declaration order. */
export interface DeclaredTools {
  googleSearch: boolean;
  urlContext: boolean;
  codeExecution: boolean;
  mcpServers: McpServer[];
  functions: FunctionDeclaration[];
}

export interface UrlCitation {
  type: 'url_citation';
  url: string;
  title: string;
  start_index: number;
  end_index: number;
}

export interface FunctionCall {
  type: 'function_call';
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** A function result the model has read: the name it answers and the typed result as sent. */
export interface ReadResult {
  name: string;
  result: unknown;
}

/** A server-tool call or result step, as it goes out. */
export interface ToolStep {
  type: string;
  [field: string]: unknown;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function declaredTools(tools: unknown): DeclaredTools {
  const list = Array.isArray(tools) ? tools.filter(isObject) : [];
  return {
    googleSearch: list.some((t) => t.type === 'google_search'),
    urlContext: list.some((t) => t.type === 'url_context'),
    codeExecution: list.some((t) => t.type === 'code_execution'),
    mcpServers: list.filter((t) => t.type === 'mcp_server') as unknown as McpServer[],
    functions: list.filter((t) => t.type === 'function') as unknown as FunctionDeclaration[],
  };
}
