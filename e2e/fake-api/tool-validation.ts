// Validates `tools` and `generation_config.tool_choice` as the service would, naming the bad field's path.
import type { ApiError } from './errors';
import { fail, firstError, oneOf, onlyFields } from './field-checks';
import { isObject } from './tool-types';

/** Each tool type of the typings (`Tool` union) with the fields it may carry besides `type`. */
const TOOL_FIELDS: Record<string, readonly string[]> = {
  google_search: ['search_types'],
  url_context: [],
  code_execution: [],
  mcp_server: ['name', 'url', 'headers', 'allowed_tools'],
  function: ['name', 'description', 'parameters'],
  computer_use: ['disabled_safety_policies', 'enable_prompt_injection_detection', 'environment', 'excluded_predefined_functions'],
  file_search: ['file_search_store_names', 'metadata_filter', 'top_k'],
  google_maps: ['enable_widget', 'latitude', 'longitude'],
  retrieval: ['exa_ai_search_config', 'parallel_ai_search_config', 'rag_store_config', 'retrieval_types', 'vertex_ai_search_config'],
};
const TOOL_TYPES = Object.keys(TOOL_FIELDS);
const SEARCH_TYPES = ['web_search', 'image_search', 'enterprise_web_search'];
export const TOOL_CHOICE_TYPES = ['auto', 'any', 'none', 'validated'];
export const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.-]{0,63}$/;

function checkStrings(value: unknown, at: string): string[] {
  if (!Array.isArray(value)) fail(`${at} must be an array of strings.`);
  value.forEach((item, i) => {
    if (typeof item !== 'string') fail(`${at}[${i}] must be a string.`);
  });
  return value as string[];
}

function checkAllowedTools(value: unknown, at: string): void {
  if (!isObject(value)) fail(`${at} must be an object.`);
  onlyFields(value, ['mode', 'tools'], at);
  if (value.mode !== undefined) oneOf(value.mode, TOOL_CHOICE_TYPES, `${at}.mode`);
  if (value.tools !== undefined) checkStrings(value.tools, `${at}.tools`);
}

function checkFunction(tool: Record<string, unknown>, at: string, seen: Set<string>): void {
  if (tool.name === undefined) fail(`${at}.name is required.`);
  if (typeof tool.name !== 'string' || !FUNCTION_NAME.test(tool.name)) {
    fail(`${at}.name must start with a letter or an underscore and hold at most 64 letters, digits, underscores, dots or dashes.`);
  }
  if (seen.has(tool.name)) fail(`${at}.name "${tool.name}" is declared twice.`);
  seen.add(tool.name);
  if (tool.description !== undefined && typeof tool.description !== 'string') fail(`${at}.description must be a string.`);
  if (tool.parameters === undefined) return;
  if (!isObject(tool.parameters)) fail(`${at}.parameters must be a JSON Schema object.`);
  if (tool.parameters.type !== 'object') fail(`${at}.parameters.type must be "object".`);
}

function checkMcpServer(tool: Record<string, unknown>, at: string): void {
  if (typeof tool.name !== 'string' || tool.name.trim() === '') fail(`${at}.name is required.`);
  if (typeof tool.url !== 'string') fail(`${at}.url is required.`);
  let url: URL | undefined;
  try {
    url = new URL(tool.url);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') fail(`${at}.url must be an https URL.`);
  if (tool.headers !== undefined) {
    if (!isObject(tool.headers)) fail(`${at}.headers must be an object of strings.`);
    for (const [name, value] of Object.entries(tool.headers)) {
      if (typeof value !== 'string') fail(`${at}.headers.${name} must be a string.`);
    }
  }
  if (tool.allowed_tools !== undefined) {
    if (!Array.isArray(tool.allowed_tools)) fail(`${at}.allowed_tools must be an array.`);
    tool.allowed_tools.forEach((entry, i) => checkAllowedTools(entry, `${at}.allowed_tools[${i}]`));
  }
}

function checkTool(tool: unknown, at: string, functionNames: Set<string>): void {
  if (!isObject(tool)) fail(`${at} must be an object.`);
  oneOf(tool.type, TOOL_TYPES, `${at}.type`);
  onlyFields(tool, ['type', ...(TOOL_FIELDS[tool.type as string] ?? [])], at);
  if (tool.type === 'function') checkFunction(tool, at, functionNames);
  if (tool.type === 'mcp_server') checkMcpServer(tool, at);
  if (tool.type === 'google_search' && tool.search_types !== undefined) {
    checkStrings(tool.search_types, `${at}.search_types`).forEach((type, i) => oneOf(type, SEARCH_TYPES, `${at}.search_types[${i}]`));
  }
}

function checkToolChoice(choice: unknown, functionNames: Set<string>): void {
  const at = 'generation_config.tool_choice';
  if (typeof choice === 'string') {
    if (!TOOL_CHOICE_TYPES.includes(choice)) fail(`${at} must be one of ${TOOL_CHOICE_TYPES.join(', ')}, or {allowed_tools: {mode, tools}}.`);
    return;
  }
  if (!isObject(choice)) fail(`${at} must be a string or an object.`);
  onlyFields(choice, ['allowed_tools'], at);
  if (choice.allowed_tools === undefined) return;
  checkAllowedTools(choice.allowed_tools, `${at}.allowed_tools`);
  const named = (choice.allowed_tools as { tools?: string[] }).tools ?? [];
  named.forEach((name, i) => {
    if (!functionNames.has(name)) fail(`${at}.allowed_tools.tools[${i}] "${name}" names no declared function.`);
  });
}

/** `tools` and `tool_choice` together, since tool_choice may only name functions the tools declare. */
export function checkToolsAndChoice(tools: unknown, toolChoice: unknown): ApiError | undefined {
  return firstError(() => {
    const functionNames = new Set<string>();
    if (tools !== undefined) {
      if (!Array.isArray(tools)) fail('tools must be an array.');
      tools.forEach((tool, i) => checkTool(tool, `tools[${i}]`, functionNames));
    }
    if (toolChoice !== undefined) checkToolChoice(toolChoice, functionNames);
  });
}
