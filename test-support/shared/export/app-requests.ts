// The oracle of the run tests: what the app itself sends (buildCreateRequest) for the panes an export covers, call by call.
import { expect } from 'vitest';
import type { PaneConfig, PaneHistory, TurnInput } from '../../../src-shared/domain';
import type { Content, Step } from '../../../src-shared/interactions';
import { type ResolvedImage, buildCreateRequest, userContent } from '../../../src-shared/request';
import type { ImageRef, SavedPane } from '../../../src-shared/session';
import { type ExportOptions, type ExportTarget, PLACEHOLDER_PROMPT, planExport } from '../../../src-shared/export';

interface AppCall {
  config: PaneConfig;
  input: TurnInput;
  /** 0-based, in the pane's conversation. */
  turn: number;
  stream: boolean;
}

const draftOf = (target: ExportTarget): TurnInput => ({ text: target.draftInput?.trim() ? target.draftInput : PLACEHOLDER_PROMPT });

/** A pane's conversation, as the app sent it: each turn with its own config (or the draft, for a pane without turns). */
function ownTurns(pane: SavedPane, target: ExportTarget): { config: PaneConfig; input: TurnInput }[] {
  if (pane.turns.length === 0) return [{ config: pane.config, input: draftOf(target) }];
  return pane.turns.map((turn) => ({ config: turn.config, input: turn.input }));
}

/** The conversation, the last turn `runs` times, as the app's repeat run sends a pane's last turn again. */
function calls(turns: readonly { config: PaneConfig; input: TurnInput }[], stream: boolean, runs: number): AppCall[] {
  return turns.flatMap((turn, i) => {
    const last = i === turns.length - 1;
    return Array.from({ length: last ? runs : 1 }, () => ({ ...turn, turn: i, stream: stream && last }));
  });
}

/** Every create call the app makes for what `target` exports, in the order the exported script makes them. */
function appCalls(target: ExportTarget, options: ExportOptions): AppCall[] {
  const { session } = target;
  const plan = planExport(target, options);
  if (plan.kind === 'conversation') {
    const pane = session.panes[target.paneIndex ?? 0]!;
    return calls(ownTurns(pane, target), options.stream, 1);
  }
  if (plan.kind === 'conversations') return session.panes.flatMap((pane) => calls(ownTurns(pane, target), options.stream, plan.runs));
  // The panes had the same conversation: each pane's config on its prompts (a pane without turns joins it).
  const prompts = session.panes.find((pane) => pane.turns.length > 0)?.turns.map((turn) => turn.input) ?? [draftOf(target)];
  return session.panes.flatMap((pane) => {
    const config = pane.turns[0]?.config ?? pane.config;
    return calls(
      prompts.map((input) => ({ config, input })),
      options.stream,
      plan.runs,
    );
  });
}

/**
 * The API reads a plain string, or a list of content parts, as the one user_input step it stands for; the
 * app writes the step where it keeps a history, the export (and the guide) the short form elsewhere.
 */
function asSteps(input: unknown): unknown {
  if (typeof input === 'string') return [{ type: 'user_input', content: [{ type: 'text', text: input }] }];
  const steps = input as { type?: string }[];
  const isContent = (item: { type?: string }): boolean => ['text', 'image', 'audio', 'document', 'video'].includes(item.type ?? '');
  return Array.isArray(steps) && steps.length > 0 && steps.every(isContent) ? [{ type: 'user_input', content: steps }] : input;
}

const canonical = (body: Record<string, unknown>): Record<string, unknown> => ({ ...body, input: asSteps(body.input) });

function resolved(refs: readonly ImageRef[], options: ExportOptions): ResolvedImage[] {
  return refs.map((ref) => {
    const data = options.inlineImages ? options.images?.[ref.sha256]?.base64 : undefined;
    // An upload's uri is the fake's; which file it names is the image tests' business.
    return data === undefined ? { mimeType: ref.mimeType, uri: expect.stringMatching(/\/files\/[a-z0-9]+$/) as unknown as string } : { mimeType: ref.mimeType, data };
  });
}

/**
 * Each body the fake received is what the app sends for that pane and turn. The history is the one thing the
 * app cannot know beforehand: a server-side one is any interaction id (runs check which); a stateless one is
 * checked to hold the earlier prompts in order, each followed by the model's steps.
 */
export function expectSendsWhatTheAppSends(bodies: readonly Record<string, unknown>[], target: ExportTarget, options: ExportOptions): void {
  const history = options.history ?? target.session.historyMode;
  const expected = appCalls(target, options);
  expect(bodies, 'one request per turn the app sent').toHaveLength(expected.length);
  const earlier: Content[][] = [];
  expected.forEach((call, i) => {
    const body = bodies[i]!;
    const images = resolved(call.input.images ?? [], options);
    if (call.turn === 0) earlier.length = 0;
    let paneHistory: PaneHistory;
    if (history === 'server') {
      paneHistory = call.turn === 0 ? { mode: 'none' } : { mode: 'server', previousInteractionId: expect.stringMatching(/^v1_/) as unknown as string };
    } else {
      const steps = call.turn === 0 ? [] : (asSteps(body.input) as Step[]).slice(0, -1);
      const users = steps.filter((step) => step.type === 'user_input').map((step) => (step as { content: Content[] }).content);
      expect(users, `call ${i + 1}: the earlier prompts, in order`).toEqual(earlier.slice(0, call.turn));
      expect(steps.length, `call ${i + 1}: the model's steps after each earlier prompt`).toBeGreaterThan(2 * call.turn - 1);
      paneHistory = { mode: 'stateless', steps };
    }
    const app = buildCreateRequest(call.config, call.input, { stream: call.stream, history: paneHistory, images });
    expect(canonical(body), `call ${i + 1} (turn ${call.turn + 1})`).toEqual(canonical(app as unknown as Record<string, unknown>));
    earlier[call.turn] = userContent(call.input, images);
  });
}
