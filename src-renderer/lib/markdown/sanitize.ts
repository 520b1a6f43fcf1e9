// The one HTML sanitizer for model output: DOMPurify with no forms, frames, SVG, styles or remote images.
import DOMPurify from 'dompurify';
import { SAFE_LINK } from './links';

type Purifier = ReturnType<typeof DOMPurify>;

/** Only inline raster data images are shown: they cost no request and cannot run script. */
const SAFE_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp);/i;

const FORBID_TAGS = [
  'style', 'link', 'meta', 'base', 'title',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'fieldset', 'label',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'portal',
  'svg', 'math', 'video', 'audio', 'source', 'track', 'picture', 'canvas', 'dialog', 'template',
];
// style: overlays that imitate the app; srcset/ping/formaction: requests and actions outside href/src.
const FORBID_ATTR = ['style', 'target', 'srcset', 'ping', 'formaction', 'action', 'background', 'poster'];

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
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      if (href !== null && !SAFE_LINK.test(href.trim())) node.removeAttribute('href');
      node.removeAttribute('target');
      if (node.hasAttribute('href')) {
        node.setAttribute('rel', 'noreferrer noopener');
        node.setAttribute('title', node.getAttribute('href') ?? '');
      }
    } else if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (!SAFE_IMAGE.test(src)) node.replaceWith(blockedImage(node.ownerDocument, node.getAttribute('alt')));
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
