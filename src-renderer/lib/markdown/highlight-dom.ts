// A token tree from the highlighter worker (highlight-tokens.ts) as DOM: text nodes and spans, nothing parsed.
import type { TokenNode } from './highlight-tokens';

/** lowlight's class names: `hljs-<scope>` and the sub-scope markers (`function_`); the tree comes from another thread. */
const TOKEN_CLASS = /^[A-Za-z0-9_-]+$/;

function append(parent: Node, nodes: readonly TokenNode[], doc: Document): void {
  for (const node of nodes) {
    if (typeof node === 'string') {
      parent.appendChild(doc.createTextNode(node));
      continue;
    }
    const span = doc.createElement('span');
    span.className = node.classes.filter((n) => TOKEN_CLASS.test(n)).join(' ');
    append(span, node.children, doc);
    parent.appendChild(span);
  }
}

/** The tree as highlighted spans; the fragment's text is the tree's text. */
export function tokenFragment(doc: Document, nodes: readonly TokenNode[]): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  append(fragment, nodes, doc);
  return fragment;
}
