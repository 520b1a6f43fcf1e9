// The MCP servers editor's list: the form's JSON text ⇄ server cards. Comma lists are kept as typed (split on
// commas, joined back the same way) so "a, " survives until the next name is typed; structured.ts trims them.
import { STRUCTURED, MAX_MCP_SERVERS } from '../../../src-shared/settings/structured';

export { MAX_MCP_SERVERS };

export interface McpServerForm {
  name: string;
  url: string;
  /** Comma-separated, as typed. */
  allowedTools: string;
  /** Comma-separated, as typed. */
  headerNames: string;
}

export type McpServerList = { ok: true; forms: McpServerForm[] } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listText = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(',') : '');

export function readMcpForms(text: string): McpServerList {
  if (text.trim() === '') return { ok: true, forms: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The MCP servers are not a JSON list' };
  }
  if (!Array.isArray(raw) || !raw.every(isObject)) return { ok: false, error: 'The MCP servers are not a JSON list of servers' };
  return {
    ok: true,
    forms: raw.map((s) => ({
      name: typeof s.name === 'string' ? s.name : '',
      url: typeof s.url === 'string' ? s.url : '',
      allowedTools: listText(s.allowedTools),
      headerNames: listText(s.headerNames),
    })),
  };
}

export function writeMcpForms(forms: readonly McpServerForm[]): string {
  if (forms.length === 0) return '';
  const servers = forms.map((f) => ({
    name: f.name,
    url: f.url,
    ...(f.allowedTools !== '' ? { allowedTools: f.allowedTools.split(',') } : {}),
    ...(f.headerNames !== '' ? { headerNames: f.headerNames.split(',') } : {}),
  }));
  return JSON.stringify(servers, null, 2);
}

export function newMcpServer(): McpServerForm {
  return { name: '', url: 'https://', allowedTools: '', headerNames: '' };
}

/** The header names of a card as they will be sent (trimmed, blanks dropped). */
export function headerNamesOf(form: McpServerForm): string[] {
  return [...new Set(form.headerNames.split(',').map((h) => h.trim()).filter((h) => h !== ''))];
}

/**
 * Which card the list's first problem belongs to, and the problem: the cards are checked in order, as the
 * setting's own parse does, so a name taken by an earlier card is reported on the later one.
 */
export function firstServerProblem(forms: readonly McpServerForm[]): { index: number; error: string } | undefined {
  for (let i = 0; i < forms.length; i++) {
    const error = STRUCTURED.mcpServers.parse(writeMcpForms(forms.slice(0, i + 1))).error;
    if (error) return { index: i, error };
  }
  return undefined;
}
