// What an answer's tool steps say, for people: each call with its result (paired by call_id), in step order, as
// groups a view shows collapsed under a one-line summary. Pure; the pane and the transcript both draw from it.
import type { Source } from './citations';
import type { Step } from './interactions';

export type ToolGroup =
  /** Consecutive searches are one group; the answer's citations are their sources. */
  | { kind: 'search'; queries: string[]; sources: Source[]; pending: boolean; failed: boolean }
  | { kind: 'urls'; urls: { url: string; status: string | undefined }[]; pending: boolean; failed: boolean }
  | { kind: 'code'; language: string; code: string; output: string | undefined; pending: boolean; failed: boolean }
  | { kind: 'mcp'; server: string; tool: string; arguments: string; result: string | undefined; pending: boolean; failed: boolean }
  | { kind: 'function'; name: string; arguments: string; result: string | undefined; pending: boolean; failed: boolean };

export type ToolKind = ToolGroup['kind'];

type Obj = Record<string, unknown>;

const CALLS: Record<string, ToolKind> = {
  google_search_call: 'search',
  url_context_call: 'urls',
  code_execution_call: 'code',
  mcp_server_tool_call: 'mcp',
  function_call: 'function',
};
const RESULTS: Record<string, ToolKind> = {
  google_search_result: 'search',
  url_context_result: 'urls',
  code_execution_result: 'code',
  mcp_server_tool_result: 'mcp',
  function_result: 'function',
};

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A tool's result as text: a string as it is, text parts joined, anything else as indented JSON. */
export function resultText(result: unknown): string {
  if (typeof result === 'string') return result;
  if (Array.isArray(result) && result.length > 0 && result.every((p) => isObj(p) && p.type === 'text' && typeof p.text === 'string')) {
    return result.map((p) => (p as { text: string }).text).join('\n');
  }
  return JSON.stringify(result, null, 2) ?? '';
}

function argumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  return JSON.stringify(args ?? {}, null, 2) ?? '{}';
}

function groupOf(kind: ToolKind, call: Obj | undefined, result: Obj | undefined, sources: Source[]): ToolGroup {
  const args = isObj(call?.arguments) ? call.arguments : {};
  const pending = result === undefined;
  const failed = result?.is_error === true;
  switch (kind) {
    case 'search':
      return { kind, queries: strings(args.queries), sources, pending, failed };
    case 'urls': {
      const statuses = Array.isArray(result?.result) ? result.result.filter(isObj) : [];
      const urls = strings(args.urls);
      // Results name their URL; a result for a URL the call did not list is shown too.
      for (const entry of statuses) if (typeof entry.url === 'string' && !urls.includes(entry.url)) urls.push(entry.url);
      const statusOf = (url: string) => str(statuses.find((e) => e.url === url)?.status) ?? (failed ? 'error' : undefined);
      return { kind, urls: urls.map((url) => ({ url, status: pending ? undefined : statusOf(url) })), pending, failed };
    }
    case 'code':
      return { kind, language: str(args.language) ?? 'python', code: str(args.code) ?? '', output: result && resultText(result.result), pending, failed };
    case 'mcp':
      return {
        kind,
        server: str(call?.server_name) ?? str(result?.server_name) ?? 'MCP',
        tool: str(call?.name) ?? str(result?.name) ?? 'tool',
        arguments: argumentsText(call?.arguments),
        result: result && resultText(result.result),
        pending,
        failed,
      };
    case 'function':
      return {
        kind,
        name: str(call?.name) ?? str(result?.name) ?? 'function',
        arguments: argumentsText(call?.arguments),
        result: result && resultText(result.result),
        pending,
        failed,
      };
  }
}

/**
 * The tool groups of an answer's steps in step order. A result joins its call by call_id (one without a call is
 * shown alone); searches in a row are one group. `sources` are the answer's citations (citations.ts).
 */
export function toolGroups(steps: readonly Step[], sources: Source[] = []): ToolGroup[] {
  const results = new Map<string, Obj>();
  for (const step of steps) {
    const id = str((step as Obj).call_id);
    if (RESULTS[step.type] && id !== undefined && !results.has(id)) results.set(id, step as Obj);
  }
  const called = new Set<string>();
  for (const step of steps) if (CALLS[step.type] && typeof (step as Obj).id === 'string') called.add((step as Obj).id as string);

  const groups: ToolGroup[] = [];
  for (const step of steps) {
    const s = step as Obj;
    const callKind = CALLS[step.type];
    const resultKind = RESULTS[step.type];
    let group: ToolGroup | undefined;
    if (callKind) group = groupOf(callKind, s, typeof s.id === 'string' ? results.get(s.id) : undefined, sources);
    else if (resultKind && !(typeof s.call_id === 'string' && called.has(s.call_id))) group = groupOf(resultKind, undefined, s, sources);
    if (!group) continue;
    const last = groups.at(-1);
    if (group.kind === 'search' && last?.kind === 'search') {
      last.queries.push(...group.queries);
      last.pending ||= group.pending;
      last.failed ||= group.failed;
    } else {
      groups.push(group);
    }
  }
  return groups;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const LANGUAGES: Record<string, string> = { python: 'Python', bash: 'Bash' };

/** The one line a collapsed group shows: "Searched: q1, q2 — 3 sources", "Read 2 URLs (1 failed)", "Ran Python". */
export function groupSummary(group: ToolGroup): string {
  switch (group.kind) {
    case 'search': {
      const what = group.queries.length > 0 ? `: ${group.queries.join(', ')}` : '';
      if (group.pending) return `Searching${what}…`;
      const sources = group.sources.length > 0 ? ` — ${plural(group.sources.length, 'source')}` : '';
      return `Searched${what}${sources}${group.failed ? ' (failed)' : ''}`;
    }
    case 'urls': {
      if (group.pending) return `Reading ${plural(group.urls.length, 'URL')}…`;
      const failed = group.urls.filter((u) => u.status !== 'success').length;
      return `Read ${plural(group.urls.length, 'URL')}${failed > 0 ? ` (${failed} failed)` : ''}`;
    }
    case 'code': {
      const language = LANGUAGES[group.language] ?? group.language;
      if (group.pending) return `Running ${language}…`;
      return `Ran ${language}${group.failed ? ' — error' : ''}`;
    }
    case 'mcp':
      return `MCP ${group.server}.${group.tool}${group.pending ? '…' : group.failed ? ' — error' : ''}`;
    case 'function':
      return `Called ${group.name}${group.pending ? ' (awaiting result)' : group.failed ? ' — error' : ''}`;
  }
}
