// Which links model output may open, and the click handling that opens them; kept apart from the sanitizer so
// the view can check clicks without loading DOMPurify and marked, which arrive after the first paint (load.ts).
import type { Attachment } from 'svelte/attachments';
import { linkScheme } from '../../../src-shared/link-schemes';

/**
 * A link the view keeps and may hand to main: one of the shared schemes (src-shared/link-schemes.ts), the
 * list main opens by, which validates each link again in full. Anything else is rendered as inert text.
 */
export function isOpenableLink(href: string): boolean {
  return linkScheme(href) !== null;
}

/**
 * Every click on a hyperlink inside the node is ours. Any element that would navigate when clicked (`a`,
 * `area`, whatever the sanitizer lets through tomorrow) never navigates the app window: a relative href
 * ("?x", "") would reload it. Links of the shared schemes go to `onOpen`, main's validated path.
 */
export function interceptLinks(onOpen: (url: string) => void): Attachment<HTMLElement> {
  return (node) => {
    const handle = (event: MouseEvent) => {
      const target = event.target;
      const link = target instanceof Element ? target.closest('a, area') : null;
      if (!link || !node.contains(link)) return;
      event.preventDefault();
      const href = link.getAttribute('href');
      if (event.type === 'click' && href !== null && isOpenableLink(href)) onOpen(href);
    };
    node.addEventListener('click', handle);
    node.addEventListener('auxclick', handle);
    return () => {
      node.removeEventListener('click', handle);
      node.removeEventListener('auxclick', handle);
    };
  };
}
