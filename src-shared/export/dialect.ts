// The vocabulary a script is written in: what Python, JavaScript and bash each spell their own way, so that
// what a script does (its turns, history, comparison, sweeps and repeats) is written once, over a dialect.
import type { Block, CodeWriter } from './code-writer';
import type { ImageSlot } from './plan';
import type { DictStyle, Entry, Syntax } from './syntax';

/**
 * Text printed with values in it. The strings are the export's own fixed wording ("== ", " · ", "-- run "),
 * never the person's text, so no dialect has to escape them inside its template.
 */
export type Template = readonly (string | { code: string })[];

/** Loops, prints, comments and variables: the vocabulary sweeps and repeats need, which bash shares with the SDK languages. */
export interface ScriptDialect {
  /** One indentation unit. */
  indent: string;
  comment(text: string): string;
  /** A name of the script's own (or a field the SDK answers with) as the language writes it; given in snake_case. */
  identifier(snake: string): string;
  /** `name = value`: the value's lines go between the two. */
  declaration(name: string): { prefix: string; suffix: string };
  forEach(item: string, values: string): Block;
  /** Over a mapping's keys and values. */
  forEachEntry(key: string, value: string, mapping: string): Block;
  /** `counter` from 1 to `limit`, both included. */
  countTo(counter: string, limit: string): Block;
  /** Prints the template and a line break. */
  printTemplate(template: Template): string;
}

/** A member of a create request; `config` is a pane's saved settings spread in. */
export type Member =
  | 'model'
  | 'system_instruction'
  | 'store'
  | 'input'
  | 'tools'
  | 'response_format'
  | 'safety_settings'
  | 'generation_config'
  | 'previous_interaction_id'
  | 'stream'
  | 'config';

/** What a script uses beyond the SDK client, which a language may have to import. */
export interface Needs {
  /** Parsing and indenting a JSON answer. */
  json: boolean;
  /** Reading environment variables (MCP header values). */
  env: boolean;
  /** Writing the images an answer holds to files (base64 decoded). */
  images?: boolean;
  /** Waiting between polls of an uploaded video still PROCESSING. */
  sleep?: boolean;
  /** Reading a file the script uploads itself, not by its path (a name beyond ASCII: uploads.ts, nameNeedsBody). */
  files?: boolean;
}

/** Where a create call stands in the script, since the guide's samples differ in where they end with a comma. */
export interface CallSite {
  /** One of several turns of a server-side conversation. */
  chained: boolean;
  /** Its input is the history the script keeps itself (stateless). */
  history: boolean;
  stream: boolean;
}

/** A language with an SDK client (Python, JavaScript): everything the program writer needs beyond loops and prints. */
export interface Dialect extends ScriptDialect {
  syntax: Syntax;
  /** The lines before the first request: the SDK version note, the imports, the client ('' = a blank line). */
  prelude(needs: Needs): string[];
  /** A function the requests run inside, and the line that runs it (JS: an async main, then `await main();`). */
  main?: { block: Block; call: string };
  /** The create request's members in the order this language's guide samples write them. */
  memberOrder: readonly Member[];
  /** How the literals the export lays out itself (generation_config, sweep values, panes) end their members. */
  objectStyle: DictStyle;
  /** `{ a: … }` rather than `{a: …}` for objects written on one line (except input arrays' parts: the guide writes {type: …} there). */
  padsInlineObjects: boolean;
  /** The guide's chained samples print "Response N:" before each answer in this language. */
  numbersChainedAnswers: boolean;
  /** Whether the create call's last member ends with a comma at this place. */
  endsWithComma(site: CallSite): boolean;
  /** The expression creating an interaction (awaited in JS) with these members. */
  create(members: readonly Entry[], trailingComma: boolean): string[];
  /** The expression uploading `image` with the Files API: by its path, or as bytes when nameNeedsBody (uploads.ts). */
  uploadFile(image: ImageSlot): string[];
  /** Asks about the uploaded `file` until the Files API has processed it, as the video guide does. */
  waitUntilActive(w: CodeWriter, file: string): void;
  /** A loop over a stream's events as they arrive. */
  forEachEvent(event: string, stream: string): Block;
  ifEquals(expression: string, text: string): Block;
  /** Prints the values, separated by spaces, and a line break. */
  print(...values: string[]): string;
  /** Prints the value with no line break (streamed text). */
  write(value: string): string;
  /** The text of an interaction's last step, as the guide reads it. */
  lastStepText(interaction: string): string;
  /**
   * Prints an interaction's text and writes each image it holds to image_<n>.<extension>, counting on from the
   * script's one image count (declared by the program as image_count = 0), so no answer overwrites another's.
   */
  saveImages(w: CodeWriter, interaction: string, extension: string): void;
  /** A field of a plain mapping (a pane in the panes list). */
  field(object: string, key: string): string;
  /** A keyword-less member taking every member of `mapping`. */
  spread(mapping: string): Entry;
  conditional(test: string, then: string, otherwise: string): string;
  /** `list`.append(…) / `list`.push(…): the value's lines go between the two. */
  append(list: string): { prefix: string; suffix: string };
  /** Adds an interaction's steps to the history the script keeps. */
  appendSteps(w: CodeWriter, history: string, interaction: string): void;
  /**
   * The generation_config fields the SDK declares, where it drops the others (Python): a request setting any
   * other sends its whole generation_config in `extra_body`; `why` is the one comment that says so.
   */
  generationConfig?: { declared: ReadonlySet<string>; why(undeclared: readonly string[]): string };
  /** `name = value` for a variable the script assigns again later (JS's `let`). */
  mutableDeclaration(name: string): { prefix: string; suffix: string };
  /** `name = value` for a variable already declared. */
  assignment(name: string): { prefix: string; suffix: string };
  /** The value of environment variable `name`. */
  env(name: string): string;
  /** The text `json` (a JSON document), parsed and written indented. */
  prettyJson(json: string): string;
  /** A list holding every item of `a`, then every item of `b`. */
  concat(a: string, b: string): string;
  /** Adds every item of the list `items` to the list `list`. */
  extend(list: string, items: string): string;
  /** The pieces of the loop that answers function calls from mocks (Call.mocks) until the model answers. */
  functionCalls: {
    /** The helper function, declared once before the requests: the function_result steps answering an interaction's calls. */
    helper: readonly string[];
    /** Calls the helper. */
    results(interaction: string, mocks: string): string;
    /** Loops while `interaction` waits for function results. */
    whileRequired(interaction: string): Block;
    /** Adds the interaction's own steps to `list` (a stateless history keeps them verbatim). */
    addSteps(list: string, interaction: string): string;
  };
  /** A block keeping one pane's variables from the next when a comparison writes conversations one after another (JS's `const`). */
  scope?: Block;
  /** The wording of the guide's stateless-history comments, which differs between its samples. */
  wording: { storeFalse: string; appendSteps: string; appendTurn: string };
}
