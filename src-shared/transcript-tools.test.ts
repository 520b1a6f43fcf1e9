// The transcript of tool-using answers: steps as collapsible blocks, citations as numbered links with a Sources
// list, and JSON answers in a json block with the schema verdict.
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { SESSION_VERSION, type SavedTurn, type Session } from './session';
import { transcriptMarkdown } from './transcript';

const AT = '2026-11-27T10:00:00.000Z';

function session(turn: Partial<SavedTurn>, config: SavedTurn['config'] = { model: 'gemini-3-flash-preview' }): Session {
  const saved: SavedTurn = { id: 't', input: { text: 'Ask' }, config, status: 'done', text: '', thought: '', steps: [], startedAt: AT, ...turn };
  return { version: SESSION_VERSION, id: 's', title: 'Tools', createdAt: AT, updatedAt: AT, historyMode: 'server', panes: [{ id: 'a', config, turns: [saved] }] };
}

const ANSWER = 'Paris is the capital. It has `many` museums.';
const STEPS: SavedTurn['steps'] = [
  { type: 'google_search_call', id: 's', arguments: { queries: ['capital of France', 'Paris <museums>'] } },
  { type: 'google_search_result', call_id: 's', result: [{ search_suggestions: '<div>chips</div>' }] },
  { type: 'code_execution_call', id: 'c', arguments: { code: 'print(1/0)\n', language: 'python' } },
  { type: 'code_execution_result', call_id: 'c', result: 'ZeroDivisionError\n', is_error: true },
  { type: 'url_context_call', id: 'u', arguments: { urls: ['https://ok.example/a'] } },
  { type: 'url_context_result', call_id: 'u', result: [{ url: 'https://ok.example/a', status: 'success' }] },
  {
    type: 'model_output',
    content: [
      {
        type: 'text',
        text: ANSWER,
        annotations: [
          { type: 'url_citation', url: 'https://one.example/', title: 'One [site]', start_index: 0, end_index: 8 },
          { type: 'url_citation', url: 'https://two.example/', start_index: 25, end_index: 30 },
        ],
      },
    ],
  },
];

describe('transcript of tool use', () => {
  const md = transcriptMarkdown(session({ text: ANSWER, steps: STEPS }));

  it('writes each tool step group as a collapsible block before the answer', () => {
    expect(md).toContain('<details>\n<summary>Searched: capital of France, Paris &lt;museums&gt; — 2 sources</summary>\n\n- capital of France\n- Paris <museums>\n\n</details>');
    expect(md).toContain('<summary>Ran Python — error</summary>\n\n```python\nprint(1/0)\n```\n\n**Error**\n\n```\nZeroDivisionError\n```\n\n</details>');
    expect(md).toContain('<summary>Read 1 URL</summary>\n\n- [https://ok.example/a](<https://ok.example/a>) — success');
    expect(md.indexOf('<details>')).toBeLessThan(md.indexOf('Paris is'));
  });

  it('writes citations as numbered links after the cited words, and the sources as a numbered list', () => {
    expect(md).toContain('Paris is[\\[1\\]](<https://one.example/>) the capital. It has `many`[\\[2\\]](<https://two.example/>) museums.');
    expect(md).toContain('**Sources**\n\n1. [One \\[site\\]](<https://one.example/>)\n2. [two.example](<https://two.example/>)');
    const html = new Marked({ gfm: true }).parse(md) as string;
    expect(html).toContain('<a href="https://one.example/">[1]</a>');
    expect(html).toContain('<a href="https://one.example/">One [site]</a>');
  });

  it('writes a JSON answer formatted in a json block with whether it holds to the schema', () => {
    const config = { model: 'gemini-3-flash-preview', responseSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } };
    expect(transcriptMarkdown(session({ text: '{"n":1}' }, config))).toContain('```json\n{\n  "n": 1\n}\n```\n\n_Valid against schema_');
    expect(transcriptMarkdown(session({ text: '{"n":"x"}' }, config))).toContain('```json\n{\n  "n": "x"\n}\n```\n\n_Schema violation at /n: expected integer, got string_');
    expect(transcriptMarkdown(session({ text: '{"n":' }, config))).toMatch(/```json\n\{"n":\n```\n\n_Not valid JSON: 1:6 — [^_]+_/);
  });

  it('writes what the model said before calling a function above the JSON, and judges the JSON alone', () => {
    const config = { model: 'gemini-3-flash-preview', responseSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } };
    const steps: SavedTurn['steps'] = [
      { type: 'model_output', content: [{ type: 'text', text: 'Counting first.' }] },
      { type: 'function_call', id: 'c', name: 'count', arguments: {} },
      { type: 'function_result', call_id: 'c', name: 'count', result: 1 },
      { type: 'model_output', content: [{ type: 'text', text: '{"n":1}' }] },
    ];
    expect(transcriptMarkdown(session({ text: 'Counting first.\n\n{"n":1}', steps }, config))).toContain('Counting first.\n\n```json\n{\n  "n": 1\n}\n```\n\n_Valid against schema_');
    // Still waiting for the function's result: not an answer to judge.
    const asking = transcriptMarkdown(session({ text: 'Counting first.', steps: steps.slice(0, 2), finishStatus: 'requires_action' }, config));
    expect(asking).toContain('Counting first.');
    expect(asking).not.toContain('_Not valid JSON');
  });

  it('writes an answer without tools as before', () => {
    const plain = transcriptMarkdown(session({ text: 'Just text.' }));
    expect(plain).toContain('## Gemini (gemini-3-flash-preview)\n\nJust text.\n');
    expect(plain).not.toContain('<details>');
    expect(plain).not.toContain('Sources');
  });
});
