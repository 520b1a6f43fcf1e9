// Measuring a scroller's view when it changes, at most once a frame: cue shades and buttons that say what its
// scroll hides (PaneEdgeCues.svelte, the settings panel's ScrollEdges in state/scroll-edges.svelte.ts).

/**
 * Calls `measure` in the frame after `element` scrolls, or it or one of its children (its content) changes size;
 * the size observer's first report, after the frame's layout, makes the first call, so nothing is read mid-mount.
 * Returns the undo.
 */
export function watchScrollAndSize(element: HTMLElement, measure: () => void): () => void {
  let frame = 0;
  const later = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(measure);
  };
  const observer = new ResizeObserver(later);
  observer.observe(element);
  for (const child of element.children) observer.observe(child);
  element.addEventListener('scroll', later, { passive: true });
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
    element.removeEventListener('scroll', later);
  };
}
