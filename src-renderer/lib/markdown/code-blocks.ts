// Closed code blocks in rendered markdown get a Copy button at once and syntax highlighting once they are in view.
// Tokenizing runs in the highlighter worker (highlighter.ts), one block at a time; the window only builds the spans
// from its tokens, and not for a block that changed or left the page while the worker had it.
import { mount, unmount } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import CopyButton from '../../components/CopyButton.svelte';
import { codeLanguage, highlightDecision, type CodeLanguage } from './code-language';
import { tokenFragment } from './highlight-dom';
import { highlightTokens } from './highlighter';

interface Job {
  code: HTMLElement;
  language: CodeLanguage;
  /** The code's whole text when the job was made: if it is not that any more, the job is stale. */
  text: string;
}

/** marked ends a block's code with one newline of its own; the block's text is what the fences held. */
export function codeText(code: Element): string {
  return (code.textContent ?? '').replace(/\n$/, '');
}

/** The fence's language, from the class the renderer gave the code (`language-ts`). */
function fenceLanguage(code: Element): string {
  for (const name of code.classList) if (name.startsWith('language-')) return name.slice('language-'.length);
  return '';
}

/** A quick look before any DOM query: most blocks hold no code block at all. */
export function holdsCodeBlock(html: string): boolean {
  return html.includes('md-code');
}

const queue: Job[] = [];
let busy = false;
const jobs = new WeakMap<Element, Job>();
let observer: IntersectionObserver | undefined;

/** The next block to the worker once the last one came back. */
function schedule(): void {
  if (busy) return;
  const job = queue.shift();
  if (!job) return;
  busy = true;
  highlightTokens(job.language.highlight!, job.text).then(
    (tokens) => {
      // The view may have drawn the block again (or dropped it) since it came into view.
      if (job.code.isConnected && job.code.textContent === job.text) {
        job.code.replaceChildren(tokenFragment(job.code.ownerDocument, tokens));
        job.code.classList.add('hljs');
      }
      busy = false;
      schedule();
    },
    () => {
      // The worker failed (an update replaced its file): these blocks stay plain, a later block tries again.
      busy = false;
      queue.length = 0;
    },
  );
}

function visibility(): IntersectionObserver {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const job = jobs.get(entry.target);
      observer!.unobserve(entry.target);
      if (!job) continue;
      if (highlightDecision({ language: job.language, chars: codeText(job.code).length, complete: true, visible: true }) === 'highlight') queue.push(job);
    }
    schedule();
  });
  return observer;
}

/**
 * For a run of rendered markdown (one finished block, or the open tail once the answer has ended): each code
 * frame in it gets its Copy button, and is watched until it scrolls into view to be highlighted. `complete`
 * false (the tail of an answer still streaming) adds nothing: that HTML is replaced on the next frame anyway.
 */
export function codeBlocks(complete: boolean): Attachment<HTMLElement> {
  return (root) => {
    if (!complete) return;
    const buttons: ReturnType<typeof mount>[] = [];
    const watched: HTMLElement[] = [];
    for (const frame of root.querySelectorAll<HTMLElement>('.md-code')) {
      const code = frame.querySelector<HTMLElement>(':scope > pre > code');
      const head = frame.querySelector<HTMLElement>(':scope > .md-code-head');
      if (!code || !head) continue;
      const text = codeText(code);
      // A code block scrolls sideways when its lines are long: the keyboard must reach it to scroll it too.
      code.parentElement!.tabIndex = 0;
      buttons.push(mount(CopyButton, { target: head, props: { text, label: 'Copy', testid: 'code-block-copy' } }));
      const language = codeLanguage(fenceLanguage(code));
      if (highlightDecision({ language, chars: text.length, complete, visible: false }) !== 'not-visible') continue;
      jobs.set(frame, { code, language, text: code.textContent ?? '' });
      visibility().observe(frame);
      watched.push(frame);
    }
    return () => {
      for (const frame of watched) observer?.unobserve(frame);
      for (const button of buttons) void unmount(button);
    };
  };
}

/**
 * For code the app wrote itself (the export preview, open in front of everything): shows `text`, and highlights
 * it in the highlighter worker as `language` (a fence name: `python`, `sh`) when it is small enough.
 */
export function showCode(text: string, language: string): Attachment<HTMLElement> {
  return (code) => {
    code.classList.remove('hljs');
    code.textContent = text;
    const lang = codeLanguage(language);
    if (highlightDecision({ language: lang, chars: text.length, complete: true, visible: true }) !== 'highlight') return;
    queue.push({ code, language: lang, text });
    schedule();
  };
}
