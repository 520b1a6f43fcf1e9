// Saved documents built by hand, for tests of what reads one (the transcript): finished turns and their session.
import { SESSION_VERSION, type SavedPane, type SavedTurn, type Session } from '../../src-shared/session';

export const AT = '2026-11-27T10:00:00.000Z';

/** A finished turn: its prompt and its answer, sent at AT to the default model; `extra` sets anything else. */
export function doneTurn(id: string, text: string, answer: string, extra: Partial<SavedTurn> = {}): SavedTurn {
  return { id, input: { text }, config: { model: 'gemini-3-flash-preview' }, status: 'done', text: answer, thought: '', steps: [], startedAt: AT, ...extra };
}

/** A session of `panes` with history on the server, created and last saved at AT. */
export function savedSession(title: string, panes: SavedPane[]): Session {
  return { version: SESSION_VERSION, id: 's', title, createdAt: AT, updatedAt: AT, historyMode: 'server', panes };
}
