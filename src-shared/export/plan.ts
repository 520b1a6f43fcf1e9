// What an export does, independent of language: the calls, their inputs and images, built with the app's own request builder.
import type { PaneConfig } from '../domain';
import type { MediaResolution, Step } from '../interactions';
import { derivePaneLabels } from '../pane-label';
import { answerByHand, stepsBeforeAnswer } from '../request';
import { type Call, type CallOptions, distinctHeaderEnvs, sends, toCall } from './call';
import type { HistoryMode, ImageRef, SavedPane, SavedTurn, Session } from '../session';
import { ImageTable, type ImageSlot } from './image-table';
import { type SweepLoop, sweepLoop } from './sweep-plan';

export type ExportLanguage = 'python' | 'javascript' | 'rest';

export interface ExportTarget {
  session: Session;
  /** 0-based. Absent: the only pane, or the whole comparison when there are several. */
  paneIndex?: number;
  /** The prompt in the composer, used when the exported panes have no turns yet. */
  draftInput?: string;
}

export interface ExportOptions {
  language: ExportLanguage;
  stream: boolean;
  /** How earlier turns reach the model; defaults to the session's mode. */
  history?: HistoryMode;
  /** Embed images as base64 `data` instead of uploading them with the Files API. */
  inlineImages: boolean;
  /** Image bytes by sha256 (needed for inlineImages). */
  images?: Record<string, { base64?: string }>;
}

export const PLACEHOLDER_PROMPT = 'Write your prompt here';

/** What a script says where it puts an answer written by hand into the history instead of asking for one. */
export const HAND_WRITTEN = 'an answer written by hand (in the app), put in the history as the model’s, not sent';


/** An image part: the slot is per picture, the resolution per attachment (the same picture may be sent at two). */
export type Part = { type: 'text'; text: string } | { type: 'image'; image: ImageSlot; resolution?: MediaResolution };

export type { Call, McpHeaderRead } from './call';
export type { ImageSlot } from './image-table';
export { mockResult } from './call';
export type { SweepAxis, SweepLoop, SweptSetting, SystemVariant } from './sweep-plan';

export interface PlannedTurn {
  /** 1-based, as the guide numbers interaction1, interaction2, … */
  number: number;
  parts: Part[];
  call: Call;
  /** An answer written or edited by hand (an example, an edit): not asked, but put in the history as the model's. */
  given?: string;
  /** The model's steps that led to an answer edited by hand (thoughts, function calls and results), sent before it. */
  givenSteps?: Step[];
}

export interface ConversationPlan {
  kind: 'conversation';
  history: HistoryMode;
  turns: PlannedTurn[];
  images: ImageSlot[];
  /** Streaming was asked for, but a pane answers function calls: those requests are not streamed (Call.mocks). */
  unstreamed: boolean;
}

/** One prompt of the conversation every pane of a comparison replays, each pane with its own settings. */
export interface SharedTurn {
  /** 1-based. */
  number: number;
  parts: Part[];
  /** previous_interaction_id = the previous answer's id (server history, from the second turn on). */
  chained: boolean;
  /** Only the last turn streams, as in a pane's own conversation. */
  stream: boolean;
}

export interface ComparisonPlan {
  kind: 'comparison';
  history: HistoryMode;
  /** The prompts every pane was sent, in order: one for a single-turn comparison, all of them for a conversation. */
  turns: SharedTurn[];
  /** Each pane's settings as sent (store: false in a stateless session); `chained` and `stream` are the turns'. */
  panes: { label: string; call: Call }[];
  /** A pane asks for images: the loop prints every pane's answer as call.images does, saving images with this extension. */
  savesImages?: { extension: string };
  /** The panes are still exactly those a recorded sweep made: the script loops over its values instead of listing panes. */
  sweep?: SweepLoop;
  /** How many times each configuration answers its last prompt (every pane's repeat run alike); 1 = once, no loop. */
  runs: number;
  stream: boolean;
  images: ImageSlot[];
  unstreamed: boolean;
}

/**
 * Panes whose conversations differ (other prompts, another number of turns, settings changed between turns):
 * each pane's conversation is replayed on its own, under its label, one after the other.
 */
export interface ConversationsPlan {
  kind: 'conversations';
  history: HistoryMode;
  /**
   * `history`: the pane's own, stateless where its conversation was edited by hand (as the app sends it). `runs`:
   * how many times its last prompt answers — its repeat run's, 1 for a pane the app did not repeat.
   */
  panes: { label: string; turns: PlannedTurn[]; history: HistoryMode; runs: number }[];
  images: ImageSlot[];
  unstreamed: boolean;
}

export type ExportPlan = ConversationPlan | ComparisonPlan | ConversationsPlan;

interface TurnSource {
  text: string;
  images: readonly ImageRef[];
  config: PaneConfig;
  given?: string;
  givenSteps?: Step[];
}


function partsOf(source: TurnSource, images: ImageTable): Part[] {
  const parts: Part[] = source.images.map((ref): Part => ({ type: 'image', image: images.slot(ref), ...(ref.resolution ? { resolution: ref.resolution } : {}) }));
  // The guide puts the text first; a turn with images and a blank text sends no text part, as request.ts userContent.
  if (source.text.trim() !== '' || parts.length === 0) parts.unshift({ type: 'text', text: source.text });
  return parts;
}

function draft(target: ExportTarget, config: PaneConfig): TurnSource {
  const text = target.draftInput?.trim() ? target.draftInput : PLACEHOLDER_PROMPT;
  return { text, images: [], config };
}

function turnsOf(pane: SavedPane, target: ExportTarget): TurnSource[] {
  if (pane.turns.length === 0) return [draft(target, pane.config)];
  return pane.turns.map((turn) => ({
    text: turn.input.text,
    images: turn.input.images ?? [],
    config: turn.config,
    // As the app sends it (history.ts modelSteps): the steps as they came, the model's text replaced by the person's.
    ...(answerByHand(turn) ? { given: turn.text, givenSteps: stepsBeforeAnswer(turn.steps) } : {}),
  }));
}

/**
 * A conversation edited by hand goes on without the server's copy of it, in the app and so in the script: its
 * history is sent in full (the server holds the conversation as first sent, not as edited).
 */
const historyOf = (pane: SavedPane, history: HistoryMode): HistoryMode =>
  pane.turns.some((turn) => turn.example || turn.original !== undefined) ? 'stateless' : history;

function plannedTurns(sources: readonly TurnSource[], images: ImageTable, options: ExportOptions, history: HistoryMode): PlannedTurn[] {
  return sources.map((source, i): PlannedTurn => {
    const last = i === sources.length - 1;
    return {
      number: i + 1,
      parts: partsOf(source, images),
      // Only the last turn streams, as in the guide: earlier ones are needed whole for their id or steps.
      call: toCall(source.config, { stream: options.stream && last, stateless: history === 'stateless', chained: history === 'server' && i > 0 }),
      ...(source.given !== undefined ? { given: source.given, givenSteps: source.givenSteps ?? [] } : {}),
    };
  });
}

function conversation(pane: SavedPane, target: ExportTarget, options: ExportOptions, sessionHistory: HistoryMode): ConversationPlan {
  const history = historyOf(pane, sessionHistory);
  const images = new ImageTable(options);
  const turns = plannedTurns(turnsOf(pane, target), images, options, history);
  return { kind: 'conversation', history, turns, images: images.finish(), unstreamed: options.stream && turns.some((turn) => turn.call.mocks) };
}

/** The prompt itself, images by content: two turns asked the same thing when these match. */
const promptKey = (turn: SavedTurn): string => JSON.stringify([turn.input.text, (turn.input.images ?? []).map((image) => image.sha256)]);

/**
 * The prompts every pane was sent, when the panes with turns all had the same conversation, each with one
 * configuration throughout; undefined when they differ. Panes without turns join it with their own config.
 */
function sharedConversation(panes: readonly SavedPane[], options: CallOptions): SavedTurn[] | undefined {
  const answered = panes.filter((pane) => pane.turns.length > 0);
  const [first] = answered;
  if (!first) return [];
  const prompts = first.turns.map(promptKey);
  const same = (pane: SavedPane): boolean =>
    pane.turns.length === prompts.length &&
    pane.turns.every((turn, i) => promptKey(turn) === prompts[i] && sends(turn.config, options) === sends(pane.turns[0]!.config, options));
  return answered.every(same) ? first.turns : undefined;
}

/**
 * A pane's repeat run as the app sent it: the last turn's samples (saved with it), each with the pane's settings at
 * the time of the run, which may not be the turn's own.
 */
function repeatOf(pane: SavedPane): { runs: number; config: PaneConfig } | undefined {
  const samples = pane.turns.at(-1)?.samples ?? [];
  return samples.length > 0 ? { runs: samples.length, config: samples[0]!.config } : undefined;
}

/** The pane with its last prompt asked as its repeat run asked it, when there was one. */
function asRepeated(pane: SavedPane): SavedPane {
  const repeat = repeatOf(pane);
  if (!repeat) return pane;
  return { ...pane, turns: pane.turns.map((turn, i) => (i === pane.turns.length - 1 ? { ...turn, config: repeat.config } : turn)) };
}

function comparison(original: Session, target: ExportTarget, options: ExportOptions, history: HistoryMode): ComparisonPlan | ConversationsPlan {
  const images = new ImageTable(options);
  const repeats = original.panes.map((pane) => repeatOf(pane)?.runs ?? 1);
  const session = { ...original, panes: original.panes.map(asRepeated) };
  // One loop repeats every pane alike: when the app repeated some panes only, or some more often, each is written out.
  const runs = repeats[0]!;
  const repeatedAlike = repeats.every((n) => n === runs);
  const configs = session.panes.map((pane) => pane.turns[0]?.config ?? pane.config);
  const derived = derivePaneLabels(configs);
  const labelOf = (i: number): string => session.panes[i]!.label?.trim() || derived[i]!;
  const callOptions: CallOptions = { stream: options.stream, stateless: history === 'stateless', chained: false };
  const calls = configs.map((config) => toCall(config, callOptions));
  const saves = calls.find((call) => call.images)?.images;
  // A pane edited by hand has a conversation of its own: written out on its own, sent as the app sends it; so has
  // each pane where they save images of different types (one loop saves them under one extension).
  const ownConversations =
    !repeatedAlike || session.panes.some((pane) => historyOf(pane, 'server') === 'stateless') || new Set(calls.map((call) => call.images?.extension).filter(Boolean)).size > 1;
  const shared = ownConversations ? undefined : sharedConversation(session.panes, callOptions);
  if (!shared) {
    const panes = session.panes.map((pane, i) => {
      const own = historyOf(pane, history);
      return { label: labelOf(i), turns: plannedTurns(turnsOf(pane, target), images, options, own), history: own, runs: repeats[i]! };
    });
    const unstreamed = options.stream && panes.some((pane) => pane.turns.some((turn) => turn.call.mocks));
    return { kind: 'conversations', history, panes, images: images.finish(), unstreamed };
  }
  // One loop writes every pane's requests: when a pane answers function calls or asks for images, none of them
  // streams (toCall).
  const answersCalls = configs.some((config) => (config.functions?.length ?? 0) > 0);
  const stream = options.stream && !answersCalls && saves === undefined;
  // Every pane answers the same prompts, each with the configuration it was sent with.
  const sources: TurnSource[] =
    shared.length > 0
      ? shared.map((turn) => ({ text: turn.input.text, images: turn.input.images ?? [], config: turn.config }))
      : [draft(target, session.panes[0]!.config)];
  const turns = sources.map(
    (source, i): SharedTurn => ({
      number: i + 1,
      parts: partsOf(source, images),
      chained: history === 'server' && i > 0,
      stream: stream && i === sources.length - 1,
    }),
  );
  const panes = calls.map((call, i) => ({ label: labelOf(i), call }));
  const sweep = sweepLoop(session, configs, callOptions);
  return {
    kind: 'comparison',
    history,
    turns,
    panes,
    ...(saves ? { savesImages: saves } : {}),
    ...(sweep ? { sweep } : {}),
    runs,
    stream,
    images: images.finish(),
    unstreamed: options.stream && answersCalls,
  };
}

/**
 * The turns a pane's script replays. As the app builds a history (lib/state/history.ts buildHistory), only answered
 * turns count: a failed, stopped or interrupted answer is no part of the conversation. The last turn is asked
 * whatever became of it, as a retry would ask it again.
 */
function answeredTurns(pane: SavedPane): SavedPane {
  const last = pane.turns.length - 1;
  return { ...pane, turns: pane.turns.filter((turn, i) => turn.status === 'done' || i === last) };
}

export function planExport(target: ExportTarget, options: ExportOptions): ExportPlan {
  const plan = planCalls({ ...target, session: { ...target.session, panes: target.session.panes.map(answeredTurns) } }, options);
  distinctHeaderEnvs(callsOf(plan));
  return plan;
}

function planCalls(target: ExportTarget, options: ExportOptions): ExportPlan {
  const { session, paneIndex } = target;
  const history = options.history ?? session.historyMode;
  if (paneIndex !== undefined) {
    const pane = session.panes[paneIndex];
    if (!Number.isInteger(paneIndex) || !pane) {
      throw new RangeError(`Pane ${paneIndex} does not exist: the session has ${session.panes.length} pane(s)`);
    }
    return conversation(pane, target, options, history);
  }
  if (session.panes.length === 1) return conversation(session.panes[0]!, target, options, history);
  return comparison(session, target, options, history);
}

/** Every create call the plan makes, as settings (a sweep's panes' too, though its loop writes only its first call). */
export function callsOf(plan: ExportPlan): Call[] {
  switch (plan.kind) {
    case 'conversation':
      return plan.turns.map((turn) => turn.call);
    case 'conversations':
      return plan.panes.flatMap((pane) => pane.turns.map((turn) => turn.call));
    case 'comparison':
      return [...plan.panes.map((pane) => pane.call), ...(plan.sweep ? [plan.sweep.call] : [])];
  }
}

/** The image slots that go through the Files API. */
export function uploads(images: readonly ImageSlot[]): ImageSlot[] {
  return images.filter((image) => image.data === undefined);
}
