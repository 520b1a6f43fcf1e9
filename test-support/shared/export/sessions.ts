// Test sessions: small builders, and the sessions equivalent to each sample of the official guide.
import type { PaneConfig } from '../../../src-shared/domain';
import { SESSION_VERSION, type ImageRef, type SavedPane, type SavedSample, type SavedTurn, type Session, type SweepRecord } from '../../../src-shared/session';
import { expandSweep } from '../../../src-shared/sweep';

export const MODEL = 'gemini-3-flash-preview';
const AT = '2026-11-27T10:00:00.000Z';

export interface TurnSpec {
  text: string;
  images?: ImageRef[];
  config?: PaneConfig;
}

export function turn(spec: TurnSpec | string, config: PaneConfig, i = 0): SavedTurn {
  const s = typeof spec === 'string' ? { text: spec } : spec;
  return {
    id: `t${i + 1}`,
    input: { text: s.text, ...(s.images ? { images: s.images } : {}) },
    config: s.config ?? config,
    status: 'done',
    text: 'answer',
    thought: '',
    steps: [{ type: 'model_output', content: [{ type: 'text', text: 'answer' }] }],
    interactionId: `v1_${i + 1}`,
    startedAt: AT,
  };
}

export function pane(config: Partial<PaneConfig>, turns: (TurnSpec | string)[], label?: string): SavedPane {
  const full: PaneConfig = { model: MODEL, ...config };
  return { id: `p-${Math.random().toString(36).slice(2, 8)}`, ...(label ? { label } : {}), config: full, turns: turns.map((t, i) => turn(t, full, i)) };
}

export function session(panes: SavedPane[], historyMode: Session['historyMode'] = 'server'): Session {
  return { version: SESSION_VERSION, id: 's1', title: 'Export test', createdAt: AT, updatedAt: AT, historyMode, panes };
}

/**
 * The session a sweep leaves: one pane per combination (in expandSweep's order), each having answered
 * `turns`, and the record of the sweep; `runs` adds a repeat run.
 */
export function swept(base: Partial<PaneConfig>, axes: SweepRecord['axes'], turns: (TurnSpec | string)[], runs?: number): Session {
  const full: PaneConfig = { model: MODEL, ...base };
  const panes = expandSweep(full, axes).map((config) => pane(config, turns));
  const sweep: SweepRecord = { base: full, axes, paneIds: panes.map((p) => p.id), createdAt: AT };
  const made: Session = { ...session(panes), experiments: { sweep } };
  return runs ? repeated(made, runs) : made;
}

/**
 * `pane` after a repeat run of `runs` on its last turn, each sample sent with `config` (the pane's settings at the
 * time of the run: by default the turn's own).
 */
export function repeatedPane(pane: SavedPane, runs: number, config?: PaneConfig): SavedPane {
  const last = pane.turns.length - 1;
  const sample = (turn: SavedTurn, i: number): SavedSample => ({ id: `${turn.id}-s${i + 1}`, status: 'done', text: 'sample', thought: '', config: config ?? turn.config, startedAt: AT });
  return { ...pane, turns: pane.turns.map((turn, i) => (i === last ? { ...turn, samples: Array.from({ length: runs }, (_, k) => sample(turn, k)) } : turn)) };
}

/** `s` after a repeat run of `runs` on every pane. */
export function repeated(s: Session, runs: number): Session {
  return { ...s, panes: s.panes.map((p) => repeatedPane(p, runs)), experiments: { ...s.experiments, repeat: { runs, concurrency: 2 } } };
}

/** A 1×1 PNG. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export function image(name: string, mimeType = 'image/png', sha256 = 'a'.repeat(64)): ImageRef {
  return { sha256, mimeType, name, size: 70 };
}

const DOGS = 'I have 2 dogs in my house.';
const PAWS = 'How many paws are in my house?';

/** One entry per sample of seed-api-guide.txt: the fixture base name, the session and the export options. */
export const GUIDE_SAMPLES: { name: string; session: Session; stream: boolean }[] = [
  { name: 'basic', session: session([pane({}, ['How does AI work?'])]), stream: false },
  { name: 'thinking-low', session: session([pane({ thinkingLevel: 'low' }, ['How does AI work?'])]), stream: false },
  {
    name: 'system-instruction',
    session: session([pane({ systemInstruction: 'You are a cat. Your name is Neko.' }, ['Hello there'])]),
    stream: false,
  },
  { name: 'temperature', session: session([pane({ temperature: 0.1 }, ['Explain how AI works'])]), stream: false },
  {
    name: 'multimodal',
    session: session([pane({}, [{ text: 'Tell me about this instrument', images: [image('path/to/organ.jpg', 'image/jpeg')] }])]),
    stream: false,
  },
  { name: 'streaming', session: session([pane({}, ['Explain how AI works'])]), stream: true },
  { name: 'multi-turn', session: session([pane({}, [DOGS, PAWS])]), stream: false },
  { name: 'multi-turn-streaming', session: session([pane({}, [DOGS, PAWS])]), stream: true },
  { name: 'stateless', session: session([pane({}, [DOGS, PAWS])], 'stateless'), stream: false },
];
