// The oracle of the run tests: what the app itself sends (buildCreateRequest) for the panes an export covers, call by call.
import { expect } from 'vitest';
import type { PaneConfig, PaneHistory, TurnInput } from '../../../src-shared/domain';
import type { Content, CreateInteractionRequest, FunctionResultStep, Step } from '../../../src-shared/interactions';
import { type ResolvedMedia, buildCreateRequest, userContent } from '../../../src-shared/request';
import type { ImageRef, SavedPane, SavedTurn } from '../../../src-shared/session';
import { mcpHeaderEnv } from '../../../src-shared/settings/structured';
import { type ExportOptions, type ExportTarget, PLACEHOLDER_PROMPT, planExport } from '../../../src-shared/export';
import { type Call, callsOf, mockResult } from '../../../src-shared/export/plan';

interface AppCall {
  config: PaneConfig;
  input: TurnInput;
  /** 0-based, in the pane's conversation. */
  turn: number;
  stream: boolean;
}

const draftOf = (target: ExportTarget): TurnInput => ({ text: target.draftInput?.trim() ? target.draftInput : PLACEHOLDER_PROMPT });

/** The turns the app's history holds (buildHistory keeps answered ones), and the last, which a retry asks again. */
const answered = (pane: SavedPane): SavedTurn[] => pane.turns.filter((turn, i) => turn.status === 'done' || i === pane.turns.length - 1);

/** A pane's conversation, as the app sent it: each turn with its own config (or the draft, for a pane without turns). */
function ownTurns(pane: SavedPane, target: ExportTarget): { config: PaneConfig; input: TurnInput }[] {
  if (pane.turns.length === 0) return [{ config: pane.config, input: draftOf(target) }];
  return answered(pane).map((turn) => ({ config: turn.config, input: turn.input }));
}

/** The samples the app's repeat run sent for a pane's last turn: none, or each with the config it was sent with. */
const samplesOf = (pane: SavedPane) => pane.turns.at(-1)?.samples ?? [];

/** A comparison's pane as the app repeated it: its last turn `runs` times with the samples' config, or once as sent. */
function repeatedTurns(pane: SavedPane, turns: { config: PaneConfig; input: TurnInput }[]): { turns: { config: PaneConfig; input: TurnInput }[]; runs: number } {
  const samples = samplesOf(pane);
  if (samples.length === 0) return { turns, runs: 1 };
  return { turns: turns.map((turn, i) => (i === turns.length - 1 ? { ...turn, config: samples[0]!.config } : turn)), runs: samples.length };
}

/** A pane answering function calls, or asking for images, needs each answer whole: the script does not stream it. */
const answeredWhole = (config: PaneConfig): boolean => (config.functions?.length ?? 0) > 0 || config.imageOutput !== undefined;

/**
 * The conversation, the last turn `runs` times, as the app's repeat run sends a pane's last turn again. A turn
 * answering function calls is not streamed: the script needs each interaction whole (the exports' one departure
 * from what the app sends, said in the scripts); `unstreamed` is a comparison whose loop holds such a pane.
 */
function calls(turns: readonly { config: PaneConfig; input: TurnInput }[], stream: boolean, runs: number, unstreamed = false): AppCall[] {
  return turns.flatMap((turn, i) => {
    const last = i === turns.length - 1;
    return Array.from({ length: last ? runs : 1 }, () => ({ ...turn, turn: i, stream: stream && last && !unstreamed && !answeredWhole(turn.config) }));
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
  if (plan.kind === 'conversations') {
    return session.panes.flatMap((pane) => {
      const { turns, runs } = repeatedTurns(pane, ownTurns(pane, target));
      return calls(turns, options.stream, runs);
    });
  }
  // The panes had the same conversation: each pane's config on its prompts (a pane without turns joins it).
  const first = session.panes.find((pane) => pane.turns.length > 0);
  const prompts = first ? answered(first).map((turn) => turn.input) : [draftOf(target)];
  const unstreamed = session.panes.some((pane) => answeredWhole(pane.turns[0]?.config ?? pane.config));
  return session.panes.flatMap((pane) => {
    const config = pane.turns[0]?.config ?? pane.config;
    const { turns, runs } = repeatedTurns(pane, prompts.map((input) => ({ config, input })));
    return calls(turns, options.stream, runs, unstreamed);
  });
}

/** The variable an export reads a server's header from: the plan's, where two servers' names would spell it alike. */
export type HeaderEnv = (server: string, header: string) => string;

/** The variables the calls read their MCP headers from (call.ts distinctHeaderEnvs), mcpHeaderEnv's for the others. */
export function headerEnvsOf(calls: readonly Call[]): HeaderEnv {
  const names = new Map(calls.flatMap((call) => call.mcpHeaders.flatMap(({ server, headers }) => headers.map((h) => [JSON.stringify([server, h.header]), h.env] as const))));
  return (server, header) => names.get(JSON.stringify([server, header])) ?? mcpHeaderEnv(server, header);
}

/** Main adds each MCP server's header values to the request (src-main/core/gemini/mcp-headers.ts); an export reads them from `env`. */
export function withMcpHeaders(body: CreateInteractionRequest, config: PaneConfig, env: Readonly<Record<string, string>>, names: HeaderEnv = mcpHeaderEnv): CreateInteractionRequest {
  if (!body.tools) return body;
  const tools = body.tools.map((tool) => {
    const server = config.mcpServers?.find((s) => tool.type === 'mcp_server' && s.name === tool.name);
    if (!server?.headerNames?.length) return tool;
    return { ...tool, headers: Object.fromEntries(server.headerNames.map((header) => [header, env[names(server.name, header)]])) };
  });
  return { ...body, tools };
}

const isResult = (step: { type?: string }): boolean => step.type === 'function_result';

/** A request answering function calls: its input ends with function_result steps. */
function resultsOf(body: Record<string, unknown>): FunctionResultStep[] {
  const input = Array.isArray(body.input) ? (body.input as Step[]) : [];
  let start = input.length;
  while (start > 0 && isResult(input[start - 1]!)) start -= 1;
  return input.slice(start) as FunctionResultStep[];
}

/** Each result is the mock of the function it answers, or {} for a function without one. */
function expectMockResults(results: readonly FunctionResultStep[], config: PaneConfig, what: string): void {
  const mocks = new Map((config.functions ?? []).map((f) => [f.name, f.mock === undefined ? {} : mockResult(f.mock)]));
  for (const result of results) {
    expect(mocks.has(result.name ?? ''), `${what}: ${result.name} is a declared function`).toBe(true);
    expect(result, what).toEqual({ type: 'function_result', call_id: expect.any(String), name: result.name, result: mocks.get(result.name!) });
  }
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

function resolved(refs: readonly ImageRef[], options: ExportOptions): ResolvedMedia[] {
  return refs.map((ref) => {
    const data = options.inlineImages ? options.images?.[ref.sha256]?.base64 : undefined;
    // An upload's uri is the fake's; which file it names is the image tests' business.
    return data === undefined ? { mimeType: ref.mimeType, uri: expect.stringMatching(/\/files\/[a-z0-9]+$/) as unknown as string } : { mimeType: ref.mimeType, data };
  });
}

/**
 * Each body the fake received is what the app sends for that pane and turn, and for each round of function calls
 * after it. The history is the one thing the app cannot know beforehand: a server-side one is any interaction id
 * (runs check which); a stateless one is checked to hold the earlier prompts in order, each followed by the
 * model's steps. `env`: the MCP header values the script was given, which main would have added.
 */
export function expectSendsWhatTheAppSends(
  bodies: readonly Record<string, unknown>[],
  target: ExportTarget,
  options: ExportOptions,
  env: Readonly<Record<string, string>> = {},
): void {
  const history = options.history ?? target.session.historyMode;
  const expected = appCalls(target, options);
  const names = headerEnvsOf(callsOf(planExport(target, options)));
  const earlier: Content[][] = [];
  /** The function results each turn sent so far: a stateless history carries them after the turn's prompt. */
  const sentResults: FunctionResultStep[][] = [];
  const resultsIn = (steps: readonly Step[]): Step[] => steps.filter(isResult);
  let next = 0;
  expected.forEach((call, i) => {
    expect(next, `call ${i + 1}: a request for each turn the app sent`).toBeLessThan(bodies.length);
    const body = bodies[next++]!;
    expect(resultsOf(body), `call ${i + 1} opens a turn`).toEqual([]);
    const images = resolved(call.input.images ?? [], options);
    if (call.turn === 0) {
      earlier.length = 0;
      sentResults.length = 0;
    }
    sentResults[call.turn] = [];
    let paneHistory: PaneHistory;
    if (history === 'server') {
      paneHistory = call.turn === 0 ? { mode: 'none' } : { mode: 'server', previousInteractionId: expect.stringMatching(/^v1_/) as unknown as string };
    } else {
      const steps = call.turn === 0 ? [] : (asSteps(body.input) as Step[]).slice(0, -1);
      const users = steps.filter((step) => step.type === 'user_input').map((step) => (step as { content: Content[] }).content);
      expect(users, `call ${i + 1}: the earlier prompts, in order`).toEqual(earlier.slice(0, call.turn));
      expect(steps.length, `call ${i + 1}: the model's steps after each earlier prompt`).toBeGreaterThan(2 * call.turn - 1);
      expect(resultsIn(steps), `call ${i + 1}: the earlier turns' function results`).toEqual(sentResults.slice(0, call.turn).flat());
      paneHistory = { mode: 'stateless', steps };
    }
    const app = withMcpHeaders(buildCreateRequest(call.config, call.input, { stream: call.stream, history: paneHistory, images }), call.config, env, names);
    expect(canonical(body), `call ${i + 1} (turn ${call.turn + 1})`).toEqual(canonical(app as unknown as Record<string, unknown>));
    earlier[call.turn] = userContent(call.input, images);
    // The rounds of function calls the turn took: each the app's continuation, answered with the mocks.
    for (let round = 1; next < bodies.length && resultsOf(bodies[next]!).length > 0; round++) {
      const answer = bodies[next++]!;
      const what = `call ${i + 1}, function round ${round}`;
      const results = resultsOf(answer);
      expectMockResults(results, call.config, what);
      let roundHistory: PaneHistory;
      if (history === 'server') {
        roundHistory = { mode: 'server', previousInteractionId: expect.stringMatching(/^v1_/) as unknown as string };
      } else {
        const steps = (answer.input as Step[]).slice(0, -results.length);
        const users = steps.filter((step) => step.type === 'user_input').map((step) => (step as { content: Content[] }).content);
        expect(users, `${what}: the prompts so far, in order`).toEqual(earlier.slice(0, call.turn + 1));
        expect(steps.at(-1)?.type, `${what}: the history ends with the model's calls`).toBe('function_call');
        expect(resultsIn(steps), `${what}: the results sent before`).toEqual(sentResults.slice(0, call.turn + 1).flat());
        roundHistory = { mode: 'stateless', steps };
      }
      const continued = buildCreateRequest(call.config, call.input, { stream: false, history: roundHistory, functionResults: results });
      expect(answer, what).toEqual(withMcpHeaders(continued, call.config, env, names));
      sentResults[call.turn]!.push(...results);
    }
  });
  expect(next, 'no request beyond those the app sends').toBe(bodies.length);
}
