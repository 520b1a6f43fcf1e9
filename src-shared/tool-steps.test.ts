import { describe, expect, it } from 'vitest';
import type { Source } from './citations';
import type { Step } from './interactions';
import { groupSummary, resultText, toolGroups } from './tool-steps';

const sources: Source[] = [
  { n: 1, url: 'https://a.example/', title: 'A' },
  { n: 2, url: 'https://b.example/', title: 'B' },
  { n: 3, url: 'https://c.example/', title: 'C' },
];

const STEPS: Step[] = [
  { type: 'thought', signature: 'x' },
  { type: 'google_search_call', id: 's1', arguments: { queries: ['q1'] } },
  { type: 'google_search_call', id: 's2', arguments: { queries: ['q2'] } },
  { type: 'google_search_result', call_id: 's2', result: [{ search_suggestions: '<div></div>' }] },
  { type: 'google_search_result', call_id: 's1', result: [{ search_suggestions: '<div></div>' }] },
  { type: 'url_context_call', id: 'u1', arguments: { urls: ['https://ok.example/', 'https://pay.example/'] } },
  { type: 'url_context_result', call_id: 'u1', result: [{ url: 'https://ok.example/', status: 'success' }, { url: 'https://pay.example/', status: 'paywall' }] },
  { type: 'code_execution_call', id: 'c1', arguments: { code: 'print(1/0)', language: 'python' } },
  { type: 'code_execution_result', call_id: 'c1', result: 'ZeroDivisionError', is_error: true },
  { type: 'mcp_server_tool_call', id: 'm1', name: 'search', server_name: 'docs', arguments: { query: 'x' } },
  { type: 'mcp_server_tool_result', call_id: 'm1', result: [{ type: 'text', text: 'found it' }] },
  { type: 'function_call', id: 'f1', name: 'get_weather', arguments: { city: 'Paris' } },
  { type: 'function_result', call_id: 'f1', name: 'get_weather', result: { temp: 21 } },
  { type: 'model_output', content: [{ type: 'text', text: 'answer' }] },
];

describe('toolGroups', () => {
  it('pairs each call with its result by call_id, in step order, searches in a row as one group', () => {
    const groups = toolGroups(STEPS, sources);
    expect(groups.map((g) => g.kind)).toEqual(['search', 'urls', 'code', 'mcp', 'function']);
    expect(groups[0]).toEqual({ kind: 'search', queries: ['q1', 'q2'], sources, pending: false, failed: false });
    expect(groups[1]).toEqual({
      kind: 'urls',
      urls: [
        { url: 'https://ok.example/', status: 'success' },
        { url: 'https://pay.example/', status: 'paywall' },
      ],
      pending: false,
      failed: false,
    });
    expect(groups[2]).toEqual({ kind: 'code', language: 'python', code: 'print(1/0)', output: 'ZeroDivisionError', pending: false, failed: true });
    expect(groups[3]).toEqual({ kind: 'mcp', server: 'docs', tool: 'search', arguments: '{\n  "query": "x"\n}', result: 'found it', pending: false, failed: false });
    expect(groups[4]).toEqual({ kind: 'function', name: 'get_weather', arguments: '{\n  "city": "Paris"\n}', result: '{\n  "temp": 21\n}', pending: false, failed: false });
  });

  it('summarises each group in one line', () => {
    expect(toolGroups(STEPS, sources).map(groupSummary)).toEqual([
      'Searched: q1, q2 — 3 sources',
      'Read 2 URLs (1 failed)',
      'Ran Python — error',
      'MCP docs.search',
      'Called get_weather',
    ]);
  });

  it('shows a call still waiting for its result as pending, and a result without its call alone', () => {
    const groups = toolGroups([
      { type: 'url_context_call', id: 'u', arguments: { urls: ['https://x.example/'] } },
      { type: 'code_execution_call', id: 'c', arguments: { code: 'ls', language: 'bash' } },
      { type: 'function_call', id: 'f', name: 'lookup', arguments: {} },
      { type: 'mcp_server_tool_result', call_id: 'gone', name: 'fetch', server_name: 'web', result: 'ok' },
      { type: 'google_search_call', id: 's', arguments: {} },
    ]);
    expect(groups.map(groupSummary)).toEqual(['Reading 1 URL…', 'Running Bash…', 'Called lookup (awaiting result)', 'MCP web.fetch', 'Searching…']);
    expect(groups[0]).toMatchObject({ urls: [{ url: 'https://x.example/', status: undefined }] });
  });

  it('splits searches that other steps come between, and marks every URL of a failed read', () => {
    const groups = toolGroups([
      { type: 'google_search_call', id: 'a', arguments: { queries: ['one'] } },
      { type: 'google_search_result', call_id: 'a', result: [] },
      { type: 'url_context_call', id: 'u', arguments: { urls: ['https://x.example/'] } },
      { type: 'url_context_result', call_id: 'u', result: [], is_error: true },
      { type: 'google_search_call', id: 'b', arguments: { queries: ['two'] } },
    ]);
    expect(groups.map(groupSummary)).toEqual(['Searched: one', 'Read 1 URL (1 failed)', 'Searching: two…']);
  });

  it('has no groups for an answer without tools', () => {
    expect(toolGroups([{ type: 'model_output', content: [{ type: 'text', text: 'hi' }] }])).toEqual([]);
  });
});

describe('resultText', () => {
  it('gives a string as it is, text parts joined, anything else as JSON', () => {
    expect(resultText('plain')).toBe('plain');
    expect(resultText([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }])).toBe('a\nb');
    expect(resultText([{ type: 'image', uri: 'x' }])).toBe('[\n  {\n    "type": "image",\n    "uri": "x"\n  }\n]');
    expect(resultText(null)).toBe('null');
  });
});
