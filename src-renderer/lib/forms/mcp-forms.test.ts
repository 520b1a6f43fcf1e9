import { describe, expect, it } from 'vitest';
import { STRUCTURED } from '../../../src-shared/settings/structured';
import { firstServerProblem, headerNamesOf, newMcpServer, readMcpForms, writeMcpForms, type McpServerForm } from './mcp-forms';

const server = (over: Partial<McpServerForm> = {}): McpServerForm => ({ name: 'docs', url: 'https://mcp.example.com/sse', allowedTools: '', headerNames: '', ...over });

describe('the MCP servers editor’s list', () => {
  it('keeps comma lists as typed while the next name is being typed', () => {
    const forms = [server({ allowedTools: 'search, ', headerNames: 'Authorization,' })];
    expect(readMcpForms(writeMcpForms(forms))).toEqual({ ok: true, forms });
  });

  it('writes what the setting parses into trimmed lists, without header values', () => {
    const text = writeMcpForms([server({ allowedTools: 'search, fetch ,', headerNames: ' Authorization , X-Team' })]);
    expect(STRUCTURED.mcpServers.parse(text)).toEqual({
      value: [{ name: 'docs', url: 'https://mcp.example.com/sse', allowedTools: ['search', 'fetch'], headerNames: ['Authorization', 'X-Team'] }],
    });
    expect(writeMcpForms([])).toBe('');
  });

  it('reads a saved list back, and reports text that is not one', () => {
    const saved = STRUCTURED.mcpServers.format([{ name: 'a', url: 'https://a.example', allowedTools: ['x', 'y'], headerNames: ['Auth'] }]);
    expect(readMcpForms(saved)).toEqual({ ok: true, forms: [{ name: 'a', url: 'https://a.example', allowedTools: 'x,y', headerNames: 'Auth' }] });
    expect(readMcpForms('{}')).toMatchObject({ ok: false });
  });

  it('names the header fields to offer once each', () => {
    expect(headerNamesOf(server({ headerNames: ' Authorization, ,X-Key,Authorization' }))).toEqual(['Authorization', 'X-Key']);
  });

  it('puts the first problem on the card it belongs to', () => {
    expect(firstServerProblem([server(), server({ name: 'b', url: 'http://plain.example' })])).toEqual({
      index: 1,
      error: 'MCP server “b”: the URL must be an https:// address without a user name or password',
    });
    expect(firstServerProblem([server(), server()])).toEqual({ index: 1, error: 'MCP server “docs”: another server has this name' });
    expect(firstServerProblem([server()])).toBeUndefined();
    expect(firstServerProblem([newMcpServer()])?.index).toBe(0);
  });
});
