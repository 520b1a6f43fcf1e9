// An answer cut into its top-level markdown blocks, as the side-by-side comparison lines them up (block-align.ts).
import { Lexer, type Tokens } from 'marked';
import { marked } from './marked';

export interface AnswerBlocks {
  /** Each top-level block's source, without the blank lines between them. */
  blocks: string[];
  /**
   * The answer's link reference definitions (`[1]: https://…`), which are not blocks of their own: a block shown
   * apart from the rest needs them for its `[text][1]` links. Empty when there are none.
   */
  references: string;
}

export function answerBlocks(text: string): AnswerBlocks {
  const tokens = new Lexer(marked.defaults).lex(text);
  const blocks: string[] = [];
  const references: string[] = [];
  for (const token of tokens) {
    if (token.type === 'space') continue;
    if (token.type === 'def') references.push((token as Tokens.Def).raw.trim());
    else blocks.push(token.raw.replace(/\s+$/, ''));
  }
  return { blocks, references: references.join('\n') };
}
