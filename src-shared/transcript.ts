// A saved session as a markdown transcript for people (pure: session in, text out): the prompts,
// the answers, thought summaries as quotes, tool steps as collapsible blocks, citations as numbered links with
// their sources, JSON answers with whether they hold to the schema, how each answer ended when it did not finish,
// repeat runs with their spread, the test set's pass rates, and the blind ratings' win rates.
import { currentRatings, winRates } from './blind';
import { testSetSection } from './eval/transcript-section';
import { insertCitations, linkDestination } from './citation-markers';
import { answerCitations, type Source } from './citations';
import type { PaneConfig } from './domain';
import { answerImages, imageFileName } from './image-output';
import { mediaNoun } from './media-labels';
import { formatBytes, type AcceptedImageType } from './media';
import { derivePaneLabels } from './pane-label';
import { sampleSpread } from './sample-spread';
import type { SavedPane, SavedSample, SavedTurn, Session } from './session';
import { PANE_SETTINGS } from './settings/table';
import { fill, scalarText, sentValue, shown, structuredOf } from './settings/values';
import type { Summary } from './stats';
import { fenced, structuredAnswer } from './structured-answer';
import { groupSummary, toolGroups, type ToolGroup } from './tool-steps';
import { formatShare as percent } from './percent';

/**
 * `imageFiles` names, by sha256, the files the answers' images were written to beside the transcript (see
 * transcriptImages); an image without one is named by its sha256 instead, and said to be left out when it is in
 * `notImages` (its stored bytes are no complete image).
 */
export function transcriptMarkdown(
  session: Session,
  paneIndex?: number,
  imageFiles: ReadonlyMap<string, string> = new Map(),
  notImages: ReadonlySet<string> = new Set(),
): string {
  if (paneIndex !== undefined && !session.panes[paneIndex]) throw new RangeError(`no pane ${paneIndex + 1}`);
  const labels = derivePaneLabels(session.panes.map((p) => p.config));
  const panes = paneIndex === undefined ? session.panes.map((pane, i) => [pane, i] as const) : [[session.panes[paneIndex]!, paneIndex] as const];
  const out: string[] = [`# ${oneLine(session.title) || 'Untitled session'}`, ''];
  out.push(`_Gemini Prompt Playground · saved ${session.updatedAt.slice(0, 16).replace('T', ' ')} UTC_`, '');
  const headed = panes.length > 1;
  for (const [pane, i] of panes) {
    const label = pane.label?.trim() || labels[i] || pane.config.model;
    if (headed) out.push(`## Pane ${i + 1}: ${oneLine(label)}`, '');
    out.push(...paneSection(pane, headed ? '###' : '##', { files: imageFiles, notImages }));
  }
  if (paneIndex === undefined) out.push(...testSetSection(session, session.panes.map((p, i) => p.label?.trim() || labels[i] || p.config.model)));
  // A verdict on an answer since regenerated or edited judged another answer: it no longer counts, as in the app.
  const ratings = currentRatings(session.panes, session.experiments?.ratings ?? []);
  if (paneIndex === undefined && ratings.length > 0) {
    const names = new Map(session.panes.map((p, i) => [p.id, p.label?.trim() || labels[i] || p.config.model]));
    out.push('## Blind ratings', '', `_${ratings.length} ${ratings.length === 1 ? 'rating' : 'ratings'}; ties count half; 95 % Wilson interval._`, '');
    out.push('| configuration | win rate | 95 % interval | wins – losses – ties |', '| --- | --- | --- | --- |');
    for (const row of winRates(ratings, names)) {
      out.push(`| ${oneLine(row.label).replace(/\|/g, '\\|')} | ${percent(row.rate.rate)} | ${percent(row.rate.low)} – ${percent(row.rate.high)} | ${row.wins} – ${row.losses} – ${row.ties} |`);
    }
    out.push('');
  }
  return `${joinChunks(out).trimEnd()}\n`;
}

/**
 * The transcript's lines and blocks, with one blank line wherever it puts one or more ('' entries): the text of a
 * prompt or an answer keeps the blank lines inside it (code that needs two between functions), and only its own
 * leading and trailing ones give way to the separators.
 */
function joinChunks(chunks: readonly string[]): string {
  let md = '';
  let blank = false;
  for (const chunk of chunks) {
    const text = chunk.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
    if (text === '') blank = md !== '';
    else {
      md += md === '' ? text : `${blank ? '\n\n' : '\n'}${text}`;
      blank = false;
    }
  }
  return md;
}

/**
 * Text that ends inside a fenced code block (an answer stopped mid-code) gets the fence closed, with the opening
 * fence's character, length and indent: else everything after it in the transcript, the next prompt too, is code.
 */
function closeFence(text: string): string {
  let open: { indent: string; fence: string; closer: RegExp } | undefined;
  for (const line of text.split('\n')) {
    if (open) {
      if (open.closer.test(line)) open = undefined;
      continue;
    }
    // A backtick fence's info string has no backtick: ```x``` is an inline code span.
    const opener = /^( {0,3})(`{3,}(?=[^`]*$)|~{3,})/.exec(line);
    if (opener) open = { indent: opener[1]!, fence: opener[2]!, closer: new RegExp(`^ {0,3}${opener[2]![0]}{${opener[2]!.length},}\\s*$`) };
  }
  return open ? `${text.replace(/\n$/, '')}\n${open.indent}${open.fence}` : text;
}

function paneSection(pane: SavedPane, h: string, imageFiles: ImageFiles): string[] {
  const out = [settingsLine(pane.config), ''];
  // Long texts (the system instruction) are quoted as blocks of their own under the settings line.
  for (const row of PANE_SETTINGS) {
    const text = row.kind.type === 'prose' ? (sentValue(row, pane.config) as string | undefined) : undefined;
    if (text) out.push(`**${row.label}**`, '', quote(text.trim()), '');
  }
  if (pane.turns.length === 0) out.push('_No turns yet._', '');
  for (const turn of pane.turns) out.push(...turnSection(turn, h, imageFiles));
  return out;
}

function turnSection(turn: SavedTurn, h: string, imageFiles: ImageFiles): string[] {
  // Hand-written and hand-edited turns say so: the model did not write (or see) them as shown.
  const you = turn.example ? 'You (example)' : turn.original?.prompt !== undefined ? 'You (edited)' : 'You';
  const out = [`${h} ${you}`, '', closeFence(turn.input.text), ''];
  for (const file of turn.input.images ?? []) {
    out.push(`_[${mediaNoun(file.mimeType)}: ${oneLine(file.name) || file.sha256.slice(0, 12)}, ${formatBytes(file.size)}]_`, '');
  }
  out.push(turn.example ? `${h} Example answer` : `${h} Gemini (${turn.config.model}${turn.original?.answer !== undefined ? ', edited by hand' : ''})`, '');
  if (turn.thought.trim()) out.push('**Thoughts**', '', quote(turn.thought.trim()), '');
  out.push(...answerSection(turn));
  answerImages(turn.steps).forEach((image, i) => {
    const file = imageFiles.files.get(image.sha256);
    const name = image.sha256.slice(0, 12);
    if (file) out.push(`![Image ${i + 1}](<${file.replace(/[<>]/g, '')}>)`, '');
    else out.push(imageFiles.notImages.has(image.sha256) ? `_[Image ${i + 1}: ${name}, left out: its stored bytes are not a complete image]_` : `_[Image ${i + 1}: ${name}]_`, '');
  });
  const ending = endingNote(turn);
  if (ending) out.push(`_${ending}_`, '');
  if (turn.samples?.length) out.push(...samplesSection(turn.samples, h));
  return out;
}

/** Tool steps, then the answer: JSON against the schema with its verdict, or text with citations and sources. */
function answerSection(turn: SavedTurn): string[] {
  const citations = answerCitations(turn.steps);
  const out: string[] = [];
  for (const group of toolGroups(turn.steps, citations.sources)) out.push(...toolBlock(group), '');
  const schema = turn.config.responseSchema;
  if (schema && turn.status === 'done' && turn.finishStatus !== 'requires_action' && turn.text.trim() !== '') {
    const answer = structuredAnswer(schema, turn.text, turn.steps);
    if (answer.before) out.push(closeFence(answer.before), '');
    out.push(fenced(answer.json, 'json'), '', `_${answer.note}_`, '');
    return out;
  }
  if (!turn.text) return out;
  // The citations' places are in the model's text, not in one written or edited by hand.
  if (turn.example || turn.original?.answer !== undefined) return [...out, closeFence(turn.text), ''];
  const urls = new Map(citations.sources.map((s) => [s.n, s.url]));
  out.push(closeFence(insertCitations(turn.text, citations.marks, (n) => urls.get(n))), '');
  if (citations.sources.length > 0) out.push('**Sources**', '', ...citations.sources.map(sourceLine), '');
  return out;
}

/** The answers' images (their sha256) of the panes a transcript holds, once each in the order they appear. */
export function transcriptImages(session: Session, paneIndex: number | undefined): string[] {
  const panes = paneIndex === undefined ? session.panes : [session.panes[paneIndex]!];
  return [...new Set(panes.flatMap((p) => p.turns).flatMap((turn) => answerImages(turn.steps).map((image) => image.sha256)))];
}

/**
 * The file the n-th image written (from 1) goes to beside `<stem>.md`: "<stem> - image 1.png". The type is the one
 * its bytes were found to be, never the step's `mime_type`, which a session file may set to anything.
 */
export function transcriptImageFile(stem: string, n: number, sniffedType: AcceptedImageType): string {
  return `${stem} - ${imageFileName(n, sniffedType).replace('_', ' ')}`;
}

interface ImageFiles {
  files: ReadonlyMap<string, string>;
  notImages: ReadonlySet<string>;
}

function sourceLine(source: Source): string {
  return `${source.n}. [${linkText(oneLine(source.title))}](${linkDestination(source.url)})`;
}

/** A collapsible block that stays readable where HTML is not rendered (the summary is its first line). */
function toolBlock(group: ToolGroup): string[] {
  const out = ['<details>', `<summary>${escapeHtml(groupSummary(group))}</summary>`, ''];
  switch (group.kind) {
    case 'search':
      if (group.queries.length > 0) out.push(...group.queries.map((q) => `- ${oneLine(q)}`), '');
      break;
    case 'urls':
      out.push(...group.urls.map((u) => `- [${linkText(u.url)}](${linkDestination(u.url)}) — ${u.status ?? 'no result'}`), '');
      break;
    case 'code':
      out.push(fenced(group.code.replace(/\n$/, ''), group.language), '');
      if (group.output !== undefined) out.push(group.failed ? '**Error**' : '**Output**', '', fenced(group.output.replace(/\n$/, '') || '(no output)'), '');
      break;
    case 'mcp':
    case 'function':
      out.push('**Arguments**', '', fenced(group.arguments, 'json'), '');
      if (group.result !== undefined) out.push(group.failed ? '**Error**' : '**Result**', '', fenced(group.result), '');
      break;
  }
  out.push('</details>');
  return out;
}

function linkText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function samplesSection(samples: readonly SavedSample[], h: string): string[] {
  const spread = sampleSpread(samples);
  const figures = [
    spread.length && `length ${range(spread.length, ' chars')}`,
    spread.latencyMs && `total time ${range(spread.latencyMs, ' ms')}`,
    spread.outputTokens && `output tokens ${range(spread.outputTokens, '')}`,
    spread.similarity !== undefined && `word overlap ${spread.similarity.toFixed(2)}`,
  ].filter(Boolean);
  const out = [`**Repeat run: ${samples.length} more answers to this prompt** (${spread.n} finished)`, ''];
  if (figures.length > 0) out.push(`_Median (range): ${figures.join(' · ')}_`, '');
  samples.forEach((sample, i) => {
    out.push(`${h}# Answer ${i + 1} of ${samples.length}`, '');
    if (sample.text) out.push(closeFence(sample.text), '');
    const ending = endingNote(sample);
    if (ending) out.push(`_${ending}_`, '');
  });
  return out;
}

function range(summary: Summary, unit: string): string {
  return `${Math.round(summary.median)}${unit} (${Math.round(summary.min)}–${Math.round(summary.max)})`;
}


function endingNote(turn: Pick<SavedTurn, 'status' | 'text' | 'error'>): string | undefined {
  switch (turn.status) {
    case 'done':
      return turn.text ? undefined : 'No text in this answer.';
    case 'stopped':
      return 'Stopped before the answer was complete.';
    case 'interrupted':
      return 'Interrupted: the app closed while this answer was streaming.';
    case 'failed':
      return `Failed: ${oneLine(turn.error?.message ?? 'the answer did not complete')}`;
  }
}

/** The settings as one line, in the table's order; each row's `show.transcript` says how (or whether) it appears. */
function settingsLine(config: PaneConfig): string {
  const parts: string[] = [];
  for (const row of PANE_SETTINGS) {
    const template = shown(row).transcript;
    const value = sentValue(row, config);
    if (template === false || row.kind.type === 'prose' || value === undefined) continue;
    const structured = structuredOf(row);
    const text = structured ? structured.text(value) : Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(', ') : scalarText(value);
    parts.push(fill(template, text));
  }
  return `_${parts.join(' · ')}_`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
