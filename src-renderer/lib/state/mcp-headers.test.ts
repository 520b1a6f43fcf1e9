// MCP header values go to main and are not kept; what the renderer learns is which names main holds.
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src-shared/bridge';
import type { McpHeaderStatus } from '../../../src-shared/domain';
import { McpHeadersState, type McpHeadersApi } from './mcp-headers.svelte';

function fakeApi(held: McpHeaderStatus[] = []) {
  const sent: { url: string; headers: Record<string, string> }[] = [];
  let failNext: string | undefined;
  let lists = 0;
  const api: McpHeadersApi = {
    setMcpHeaders: async (url, headers) => {
      if (failNext) {
        const message = failNext;
        failNext = undefined;
        throw new BridgeError({ code: 'STORAGE', message });
      }
      sent.push({ url, headers });
      return { url, headerNames: Object.keys(headers) };
    },
    listMcpHeaders: async () => {
      lists++;
      return held;
    },
  };
  return { api, sent, fail: (message: string) => (failNext = message), lists: () => lists };
}

describe('McpHeadersState', () => {
  it('lists what main holds once for every editor', async () => {
    const fake = fakeApi([{ url: 'https://a.example', headerNames: ['Authorization'] }]);
    const state = new McpHeadersState(fake.api);
    await Promise.all([state.load(), state.load()]);
    expect(state.storedFor(' https://a.example ')).toEqual(['Authorization']);
    expect(state.storedFor('https://b.example')).toEqual([]);
    expect(fake.lists()).toBe(1);
  });

  it('hands values to main and keeps only the names it answers with', async () => {
    const fake = fakeApi();
    const state = new McpHeadersState(fake.api);
    expect(await state.store('https://a.example ', { Authorization: 'Bearer s3cret' })).toBe(true);
    expect(fake.sent).toEqual([{ url: 'https://a.example', headers: { Authorization: 'Bearer s3cret' } }]);
    expect(state.storedFor('https://a.example')).toEqual(['Authorization']);
    expect(JSON.stringify(state.stored)).not.toContain('s3cret');
    expect(await state.forget('https://a.example')).toBe(true);
    expect(state.storedFor('https://a.example')).toEqual([]);
  });

  it('says why main refused, and reports failure so the typed values stay in their fields', async () => {
    const fake = fakeApi();
    const state = new McpHeadersState(fake.api);
    fake.fail('The disk is full');
    expect(await state.store('https://a.example', { Authorization: 'x' })).toBe(false);
    expect(state.error).toBe('The header values were not stored: The disk is full');
    expect(await state.store('https://a.example', { Authorization: 'x' })).toBe(true);
    expect(state.error).toBe('');
  });
});
