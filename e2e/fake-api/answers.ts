// The deterministic answer text: an echo of what was received, the prompt, then seeded filler, cut by the config.
import type { CreateBody } from './create-body';
import { hash, markdownFiller, proseFiller, prng, wideTable } from './filler';
import type { Markers } from './markers';
import { mediaEcho } from './media-checks';

const PROMPT_ECHO_CHARS = 200;
const SYSTEM_ECHO_CHARS = 120;
/** Filler always adds at least this much, even after a long echo. */
const MIN_FILLER_CHARS = 80;

export interface Answer {
  text: string;
  /** max_output_tokens cut the answer short. */
  incomplete: boolean;
}

export function tokensFor(chars: number): number {
  return Math.ceil(chars / 4);
}

/** Cuts to at most n UTF-16 units without leaving half a surrogate pair behind. */
export function cutText(text: string, n: number): string {
  if (text.length <= n) return text;
  const cut = text.slice(0, Math.max(0, n));
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function show(value: unknown): string {
  if (value === undefined) return 'unset';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `media=document:application/pdf:data,…` when the last user turn carried media; nothing otherwise. */
function mediaEchoField(input: unknown): string[] {
  const media = mediaEcho(input);
  return media === undefined ? [] : [`media=${media}`];
}

/** The first line: every generation_config field the fake knows, so tests can tell panes and turns apart. */
export function echoLine(body: CreateBody, turn: number): string {
  const config = body.generation_config;
  const stops = config.stop_sequences;
  const system = body.system_instruction;
  return [
    'Echo:',
    `model=${body.model}`,
    `turn=${turn}`,
    `temperature=${show(config.temperature)}`,
    `top_p=${show(config.top_p)}`,
    `thinking_level=${show(config.thinking_level)}`,
    `thinking_summaries=${show(config.thinking_summaries)}`,
    `max_output_tokens=${show(config.max_output_tokens)}`,
    // A count, not the strings: echoing them would make every answer stop at its own first line.
    `stop_sequences=${stops === undefined ? 'unset' : String(stops.length)}`,
    `seed=${show(config.seed)}`,
    `system_instruction=${system === undefined ? 'unset' : JSON.stringify(cutText(system, SYSTEM_ECHO_CHARS))}`,
    ...mediaEchoField(body.input),
  ].join(' ');
}

export function promptLine(lastUserText: string): string {
  return `Prompt: ${cutText(lastUserText.replace(/\s*[\r\n]+\s*/g, ' '), PROMPT_ECHO_CHARS)}`;
}

/** Same request (whatever `stream` says), same seed, same answer. */
export function answerSeed(body: CreateBody): number {
  const { stream: _stream, ...rest } = body;
  return hash(`${JSON.stringify(rest)}|${show(body.generation_config.seed)}`);
}

function firstStop(text: string, stops: readonly string[] | undefined): number {
  let at = -1;
  for (const stop of stops ?? []) {
    const i = text.indexOf(stop);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

/** max_output_tokens cuts any answer short and marks it incomplete. */
export function capTokens(text: string, maxTokens: number | undefined): Answer {
  if (maxTokens !== undefined && tokensFor(text.length) > maxTokens) return { text: cutText(text, maxTokens * 4), incomplete: true };
  return { text, incomplete: false };
}

/**
 * `lead` opens the answer before the echo (the function results the model read).
 * `draw` is how many times this same request was answered before (always 0 when it sets a seed): like
 * the real API sampling again, a repeated request gets other words and, without [[len]], another length
 * (60–140 % of the default), yet the nth repeat is the same on every run, so tests can predict it.
 */
export function buildAnswer(body: CreateBody, turn: number, lastUserText: string, markers: Markers, defaultChars: number, draw = 0, lead = ''): Answer {
  const head = `${lead}${echoLine(body, turn)}\n${promptLine(lastUserText)}\n\n`;
  const random = prng(draw === 0 ? answerSeed(body) : hash(`${answerSeed(body)}#${draw}`));
  const spread = draw === 0 ? 1 : 0.6 + 0.8 * random();
  const fillerChars =
    markers.len !== undefined ? markers.len - head.length : Math.max(MIN_FILLER_CHARS, Math.round((defaultChars - head.length) * spread));
  const filler = markers.markdown ? markdownFiller(random, fillerChars) : proseFiller(random, fillerChars);
  const table = markers.tableColumns === undefined ? '' : `${wideTable(random, markers.tableColumns)}\n\n`;
  let text = head + table + filler;
  if (markers.len !== undefined) text = cutText(text, markers.len);
  const stop = firstStop(text, body.generation_config.stop_sequences);
  if (stop >= 0) text = text.slice(0, stop);
  return capTokens(text, body.generation_config.max_output_tokens);
}

/** Thought summaries (§5.2) that quote the prompt, so a client showing them can be checked. */
export function thoughtSummaries(lastUserText: string, level: string | undefined): string[] {
  const topic = cutText(lastUserText.replace(/\s+/g, ' ').trim(), 40);
  const summaries = [
    `**Planning the reply**\n\nThe user wrote "${topic}". I will echo the request first, then answer.`,
    '**Drafting the answer**\n\nI am laying out the paragraphs in a clear order.',
  ];
  if (level !== 'low') summaries.push('**Checking the result**\n\nThe answer matches the system instruction and the settings.');
  return summaries;
}
