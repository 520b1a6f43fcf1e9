// The one HTML sanitizer for model output: DOMPurify with no forms, frames, SVG, styles, image maps or remote images.
import DOMPurify from 'dompurify';
import { SAFE_CODE_LANG } from './escaped-only';
import { isOpenableLink } from './links';

type Purifier = ReturnType<typeof DOMPurify>;

/** Only inline raster data images are shown: they cost no request and cannot run script. */
const SAFE_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp);/i;

const FORBID_TAGS = [
  'style', 'link', 'meta', 'base', 'title',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'fieldset', 'label',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'portal',
  'svg', 'math', 'video', 'audio', 'source', 'track', 'picture', 'canvas', 'dialog', 'template',
  // An image map turns an image into links the link checks never see (an <area href="?x"> reloads the window).
  'map', 'area',
];
/**
 * style: overlays that imitate the app; srcset/ping/formaction: requests and actions outside href/src;
 * usemap: see map/area; id/name: they would clobber the app's own ids (getElementById finds the first) and
 * document properties; popover*: the top layer is outside any containment of the answer; tabindex: stops of the
 * model's own in the window's Tab order; role (and every aria-* attribute, ALLOW_ARIA_ATTR below): an answer that
 * is an "alert" or a live region speaks to a screen reader as the app, and one with a widget's role claims to be
 * a control it is not. The pipeline writes none of them: code blocks are made focusable after sanitizing.
 */
const FORBID_ATTR = [
  'style', 'target', 'srcset', 'ping', 'formaction', 'action', 'background', 'poster',
  'usemap', 'id', 'name', 'popover', 'popovertarget', 'popovertargetaction', 'tabindex', 'role',
];

/**
 * The classes this pipeline writes itself: marked's `language-<name>` on code (a plain name only, as the
 * renderer lets through), a code block's frame and header (marked.ts), the task marks (incremental.ts) and the
 * blocked-image stand-in below. A class the model wrote is dropped: the app's own (`toast`) or Svelte's hashed
 * ones would dress answer text up as the app. A model's own `md-code` frame gains no more than a real code
 * block does: a Copy button for its text and highlighting, both built from text nodes.
 */
const CODE_CLASS = new RegExp(`^language-${SAFE_CODE_LANG.source.replace(/^\^|\$$/g, '')}$`);
const SPAN_CLASSES = new Set(['md-task', 'md-image-blocked', 'md-code-lang']);
const DIV_CLASSES = new Set(['md-code', 'md-code-head']);

function isPipelineClass(element: Element, name: string): boolean {
  if (element.nodeName === 'CODE') return CODE_CLASS.test(name);
  if (element.nodeName === 'DIV') return DIV_CLASSES.has(name);
  return element.nodeName === 'SPAN' && SPAN_CLASSES.has(name);
}

function keepPipelineClasses(element: Element): void {
  const value = element.getAttribute('class');
  if (value === null) return;
  const names = value.split(/[\t\n\f\r ]+/).filter((name) => name !== '');
  const kept = names.filter((name) => isPipelineClass(element, name));
  if (kept.length === 0) element.removeAttribute('class');
  else if (kept.length !== names.length) element.setAttribute('class', kept.join(' '));
}

let purifier: Purifier | undefined;

function createPurifier(): Purifier {
  const p = DOMPurify(window);
  // DOMPurify's default URI check stays (a custom ALLOWED_URI_REGEXP would also reject plain attribute
  // values such as align="right"); the hook below narrows href and src further. Set once: a config
  // passed to every sanitize() call is parsed again each time, a fixed cost on every streamed frame.
  p.setConfig({
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    keepPipelineClasses(node);
    if (node.nodeName === 'A') {
      // Trimmed, so the href a click hands to main is the very one checked here.
      const href = node.getAttribute('href')?.trim();
      if (href === undefined || !isOpenableLink(href)) node.removeAttribute('href');
      else node.setAttribute('href', href);
      node.removeAttribute('target');
      if (node.hasAttribute('href')) {
        node.setAttribute('rel', 'noreferrer noopener');
        node.setAttribute('title', node.getAttribute('href') ?? '');
      }
    } else {
      // Only <a> is a link here: an href elsewhere would be one the view does not style or check.
      node.removeAttribute('href');
      if (node.nodeName === 'IMG') {
        const src = node.getAttribute('src') ?? '';
        if (!SAFE_IMAGE.test(src)) node.replaceWith(blockedImage(node.ownerDocument, node.getAttribute('alt')));
      }
    }
  });
  return p;
}

/** A visible stand-in for a remote image, so the reader knows something was left out. */
function blockedImage(doc: Document, alt: string | null): HTMLElement {
  const span = doc.createElement('span');
  span.className = 'md-image-blocked';
  span.title = 'Remote images are not loaded';
  span.textContent = `[image${alt ? `: ${alt}` : ''}]`;
  return span;
}

export function sanitizeHtml(html: string): string {
  purifier ??= createPurifier();
  return purifier.sanitize(html);
}
