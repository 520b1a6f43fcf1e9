// The syntax highlighter's tokenizer, which runs in a worker of its own (highlight.worker.ts): highlight.js (core
// and the grammars below, no autodetection) through lowlight. Tokenizing is the costly part — a grammar's first
// use compiles its regular expressions, and a block of 10,000 characters takes tens of milliseconds on a slow
// machine — so it never runs on the window's thread, where six streaming panes have no frame to spare for it
// (bench/RESULTS.md §3). What comes back is a tree of text and class names, built into spans by
// highlight-dom.ts: no highlighter HTML is ever parsed. Plain regular expressions only, nothing compiled at run
// time: it runs under the CSP.
import type { ElementContent, RootContent } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import type { HighlightLanguage } from './code-language';

const GRAMMARS = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, python, rust, sql, typescript, xml, yaml } satisfies Record<
  HighlightLanguage,
  unknown
>;

const lowlight = createLowlight(GRAMMARS);

/** The languages the worker can highlight (the test checks it carries every one code-language.ts names). */
export const registeredLanguages = (): string[] => lowlight.listLanguages();

/** A token tree small enough to post between threads: text, or a span with lowlight's class names. */
export type TokenNode = string | { classes: string[]; children: TokenNode[] };

function simplify(nodes: readonly (RootContent | ElementContent)[]): TokenNode[] {
  const out: TokenNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') out.push(node.value);
    else if (node.type === 'element') {
      const names = node.properties['className'];
      const classes = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
      out.push({ classes, children: simplify(node.children) });
    }
  }
  return out;
}

/** `text` tokenized as `language`; the tree's text, read in order, is exactly `text`. */
export function tokenize(language: HighlightLanguage, text: string): TokenNode[] {
  return simplify(lowlight.highlight(language, text).children);
}

/** What the window asks the worker: one block. */
export interface HighlightRequest {
  id: number;
  language: HighlightLanguage;
  text: string;
}

/** Its answer: the tokens, or why there are none (the block then stays plain). */
export type HighlightReply = { id: number; tokens: TokenNode[] } | { id: number; error: string };

/** The worker's whole job, apart from the messaging (highlight.worker.ts). */
export function answerRequest(request: HighlightRequest): HighlightReply {
  try {
    return { id: request.id, tokens: tokenize(request.language, request.text) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}
