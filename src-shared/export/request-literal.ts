// A create request as a literal tree: its members in a dialect's order, its input parts and history steps.
import type { GenerationConfig } from '../interactions';
import { mediaKindOf, takesResolution } from '../media';
import type { Member } from './dialect';
import type { Call, ImageSlot, Part } from './plan';
import { type DictStyle, type Entry, type Node, bool, compactValue, dict, fromValue, list, str } from './syntax';

/** The loop variables standing in for swept settings in a request. */
export interface SweepVars {
  model?: Node;
  /** The whole system_instruction member: a keyword, or a keyless member when a variant sends none. */
  systemInstruction?: Entry;
  temperature?: Node;
  thinkingLevel?: Node;
}

export interface RequestParts {
  input?: Node;
  /** The previous interaction's id, sent when the call is chained. */
  previous?: Node;
  vars?: SweepVars;
  /** How generation_config ends its members. */
  style?: DictStyle;
  /** The generation_config fields the SDK declares; with any other set, generation_config goes whole in extra_body. */
  declared?: ReadonlySet<string>;
  /** `{ a: … }` rather than `{a: …}` for the objects the settings write on one line. */
  padded?: boolean;
  /** The expression reading an environment variable (an MCP header's value): a header value is never a literal. */
  env?: (variable: string) => Node;
  /** The variable holding the call's tools, declared once for the several requests that send them. */
  tools?: Node;
}

/** The member an SDK merges into the request body as it is, past its own types. */
export const EXTRA_BODY = 'extra_body';

/** `members` in `order`, leaving out those not sent; a member the order does not know comes last. */
export function inOrder(members: Partial<Record<string, Entry>>, order: readonly Member[]): Entry[] {
  const known: readonly string[] = order;
  const unknown = Object.keys(members).filter((key) => !known.includes(key));
  return [...order, ...unknown].map((member) => members[member]).filter((entry): entry is Entry => entry !== undefined);
}

/** What `call` sends, as members in `order`. */
export function requestMembers(call: Call, parts: RequestParts, order: readonly Member[]): Entry[] {
  const vars = parts.vars ?? {};
  const system = vars.systemInstruction ?? (call.systemInstruction === undefined ? undefined : ['system_instruction', str(call.systemInstruction)]);
  const members: Partial<Record<string, Entry>> = { model: ['model', vars.model ?? str(call.model)] };
  if (system) members.system_instruction = system;
  if (call.stateless) members.store = ['store', bool(false)];
  if (parts.input) members.input = ['input', parts.input];
  const style: DictStyle = { ...parts.style, padded: parts.padded ?? false };
  for (const [key, value] of Object.entries(call.settings)) {
    if (key === 'tools') members[key] = [key, parts.tools ?? toolsNode(value as Record<string, unknown>[], call, parts, style)];
    else members[key] = [key, compactValue(value, style)];
  }
  if (call.generationConfig) {
    const node = generationConfigNode(call.generationConfig, vars, parts.style, parts.padded);
    const { declared } = parts;
    // extra_body is merged into the top level of the body, so it carries generation_config whole.
    members.generation_config =
      declared && Object.keys(call.generationConfig).some((key) => !declared.has(key))
        ? [EXTRA_BODY, dict([['generation_config', node]], parts.style)]
        : ['generation_config', node];
  }
  if (call.chained && parts.previous) members.previous_interaction_id = ['previous_interaction_id', parts.previous];
  if (call.stream) members.stream = ['stream', bool(true)];
  return inOrder(members, order);
}

/**
 * The tools as the app sends them, and each MCP server's headers in the place main puts them (after its url),
 * every value an environment read: a script never holds a token.
 */
export function toolsNode(tools: readonly Record<string, unknown>[], call: Call, parts: RequestParts, style: DictStyle): Node {
  if (call.mcpHeaders.length === 0) return compactValue(tools, style);
  const items = tools.map((tool): Node => {
    const reads = tool.type === 'mcp_server' ? call.mcpHeaders.find((server) => server.server === tool.name)?.headers : undefined;
    if (!reads) return compactValue(tool, style);
    if (!parts.env) throw new Error('An MCP header is read from the environment, and this script has no way to read it');
    const env = parts.env;
    const headers = dict(
      reads.map(({ header, env: variable }): Entry => [header, env(variable)]),
      style,
    );
    const entries = Object.entries(tool).flatMap(([key, value]): Entry[] => {
      const entry: Entry = [key, compactValue(value, style)];
      return key === 'url' ? [entry, ['headers', headers]] : [entry];
    });
    return dict(entries, style);
  });
  return list(items, { trailingComma: style.trailingComma ?? false });
}

/**
 * generation_config as a literal, one member per line, each swept setting's value replaced by its loop variable;
 * an object member (tool_choice) as compact as the other settings.
 */
function generationConfigNode(config: GenerationConfig, vars: SweepVars, style: DictStyle = {}, padded = false): Node {
  const swept: Record<string, Node | undefined> = { temperature: vars.temperature, thinking_level: vars.thinkingLevel };
  const member = (value: unknown): Node =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? compactValue(value, { ...style, padded }) : fromValue(value, style);
  return dict(
    Object.entries(config).map(([key, value]): Entry => [key, swept[key] ?? member(value)]),
    style,
  );
}

export interface PartStyle {
  /** An uploaded image's URI and MIME type, as the script holds them. */
  uploaded(image: ImageSlot): { uri: Node; mimeType: Node };
  /** `{ type: … }` rather than `{type: …}` for the text parts of a history step. */
  padded?: boolean;
  /** Everything on one line, image parts and history steps too (bash's jq arguments). */
  inline?: boolean;
}

function partNode(part: Part, style: PartStyle, padded: boolean): Node {
  if (part.type === 'text') return dict([['type', str('text')], ['text', str(part.text)]], { inline: true, padded });
  const { image } = part;
  const inline = style.inline ?? false;
  // The part type follows the file (image, document, audio, video), as in the app's own request (request.ts).
  const kind = mediaKindOf(image.mimeType) ?? 'image';
  const type = str(kind);
  // After the MIME type, as the app's request builder puts it; only image and video parts take one.
  const resolution: Entry[] = part.resolution && takesResolution(kind) ? [['resolution', str(part.resolution)]] : [];
  if (image.data !== undefined) return dict([['type', type], ['data', str(image.data)], ['mime_type', str(image.mimeType)], ...resolution], { inline });
  const { uri, mimeType } = style.uploaded(image);
  return dict([['type', type], ['uri', uri], ['mime_type', mimeType], ...resolution], { inline });
}

/** A lone text part is sent as a plain string, as in the guide's first samples; its input arrays write {type: …}. */
export function inputNode(parts: readonly Part[], style: PartStyle): Node {
  const [first] = parts;
  if (parts.length === 1 && first?.type === 'text') return str(first.text);
  return list(parts.map((part) => partNode(part, style, false)));
}

/** An answer written or edited by hand, as the model_output step the history carries in the model's place. */
function modelOutputStep(text: string, style: Pick<PartStyle, 'inline' | 'padded'>): Node {
  const content = list([dict([['type', str('text')], ['text', str(text)]], { inline: true, padded: style.padded ?? false })], { inline: true });
  return dict([['type', str('model_output')], ['content', content]], { inline: style.inline ?? false });
}

/** The model's turn whose answer was written or edited by hand: the steps that led to it as they came, then the text. */
export function givenTurnSteps(text: string, before: readonly unknown[], style: DictStyle): Node[] {
  return [...before.map((step) => compactValue(step, style)), modelOutputStep(text, style)];
}

/** One user turn as a user_input step of a history the script keeps. */

export function userInputStep(parts: readonly Part[], style: PartStyle): Node {
  const inline = style.inline ?? false;
  const content = list(
    parts.map((part) => partNode(part, style, style.padded ?? false)),
    { inline: inline || parts.every((part) => part.type === 'text') },
  );
  return dict([['type', str('user_input')], ['content', content]], { inline });
}
