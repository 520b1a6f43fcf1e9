// The syntax highlighter, a chunk of its own that code-blocks.ts fetches the first time a closed code block is in
// view. highlight.js (core and the grammars below, no autodetection) through lowlight, which hands back its tokens
// as a tree: the spans are built here from text nodes and the grammars' class names, so no highlighter HTML is
// ever parsed. Plain JavaScript regular expressions only, nothing compiled at run time: it runs under the CSP.
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

/** The languages this chunk can highlight (the test checks it carries every one code-language.ts names). */
export const registeredLanguages = (): string[] => lowlight.listLanguages();

/** lowlight's class names: `hljs-<scope>` and the sub-scope markers (`function_`); nothing from the code itself. */
const TOKEN_CLASS = /^[A-Za-z0-9_-]+$/;

function append(parent: Node, nodes: readonly (RootContent | ElementContent)[], doc: Document): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      parent.appendChild(doc.createTextNode(node.value));
    } else if (node.type === 'element') {
      const span = doc.createElement('span');
      const names = node.properties['className'];
      if (Array.isArray(names)) span.className = names.filter((n): n is string => typeof n === 'string' && TOKEN_CLASS.test(n)).join(' ');
      append(span, node.children, doc);
      parent.appendChild(span);
    }
  }
}

/** `text` as highlighted spans; the fragment's text is exactly `text`. */
export function highlighted(doc: Document, language: HighlightLanguage, text: string): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  append(fragment, lowlight.highlight(language, text).children, doc);
  return fragment;
}
