// Synchronised scrolling across panes: the turn at the top of the pane being scrolled, at the same
// fraction of its height, is brought to the top of every other pane (answers differ in length).
import { isAtBottom } from './auto-scroll';

export interface Box {
  top: number;
  height: number;
}

export interface ScrollAnchor {
  index: number;
  fraction: number;
  /** Pixels above the box (≤ 0) when the view starts before it, e.g. at the very top. */
  lead: number;
}

/** The box under `scrollTop` and how far into it; undefined when there are no boxes. */
export function anchorAt(boxes: readonly Box[], scrollTop: number): ScrollAnchor | undefined {
  if (boxes.length === 0) return undefined;
  let index = boxes.findIndex((b) => b.top + b.height > scrollTop);
  if (index < 0) index = boxes.length - 1;
  const box = boxes[index]!;
  const fraction = box.height > 0 ? Math.min(1, Math.max(0, (scrollTop - box.top) / box.height)) : 0;
  return { index, fraction, lead: Math.min(0, scrollTop - box.top) };
}

export function scrollTopFor(boxes: readonly Box[], anchor: ScrollAnchor): number | undefined {
  const box = boxes[Math.min(anchor.index, boxes.length - 1)];
  return box ? box.top + anchor.fraction * box.height + anchor.lead : undefined;
}

/** Only scrolls a person causes are mirrored: the pane under the pointer or holding focus. */
function driven(scroller: HTMLElement): boolean {
  return scroller.matches(':hover') || scroller.contains(document.activeElement);
}

function boxesOf(scroller: HTMLElement): Box[] {
  return [...scroller.querySelectorAll<HTMLElement>('[data-turn-index]')].map((el) => ({ top: el.offsetTop, height: el.offsetHeight }));
}

export class ScrollSync {
  #scrollers = new Set<HTMLElement>();
  /** Where we last moved each pane, so its own scroll event is not mirrored back. */
  #expected = new WeakMap<HTMLElement, number>();
  #moved = new WeakMap<HTMLElement, () => void>();
  #enabled: () => boolean;

  constructor(enabled: () => boolean) {
    this.#enabled = enabled;
  }

  /** `moved` is told when this pane is moved to follow another: a person's scroll, though not in this pane. */
  register(scroller: HTMLElement, moved?: () => void): () => void {
    const onScroll = () => this.#mirror(scroller);
    this.#scrollers.add(scroller);
    if (moved) this.#moved.set(scroller, moved);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      this.#scrollers.delete(scroller);
      this.#moved.delete(scroller);
      scroller.removeEventListener('scroll', onScroll);
    };
  }

  /** The app moved `scroller` to `top` itself (following the newest text): not a scroll to mirror. */
  movedByApp(scroller: HTMLElement, top: number): void {
    this.#expected.set(scroller, top);
  }

  /** The person asked for the newest text in `source` ("↓ latest"): with synchronised scrolling on, every pane goes to its end. */
  allToEnd(source: HTMLElement): void {
    if (!this.#enabled()) return;
    for (const target of this.#scrollers) {
      if (target !== source) this.#carry(target, target.scrollHeight - target.clientHeight);
    }
  }

  #mirror(source: HTMLElement): void {
    const expected = this.#expected.get(source);
    if (expected !== undefined) {
      this.#expected.delete(source);
      if (Math.abs(source.scrollTop - expected) < 2) return;
    }
    if (!this.#enabled() || !driven(source)) return;
    // The end of one answer is the end of every other: the person scrolled back to follow the newest text.
    const atEnd = isAtBottom({ top: source.scrollTop, scrollHeight: source.scrollHeight, clientHeight: source.clientHeight });
    const anchor = atEnd ? undefined : anchorAt(boxesOf(source), source.scrollTop);
    const ratio = atEnd ? 1 : source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    for (const target of this.#scrollers) {
      if (target === source) continue;
      const max = target.scrollHeight - target.clientHeight;
      const top = (anchor && scrollTopFor(boxesOf(target), anchor)) ?? ratio * max;
      this.#carry(target, Math.round(Math.max(0, Math.min(max, top))));
    }
  }

  /** Moves a pane along with another, and tells it so (it may stop following its newest text). */
  #carry(target: HTMLElement, top: number): void {
    if (Math.abs(target.scrollTop - top) >= 2) {
      this.#expected.set(target, top);
      target.scrollTop = top;
    }
    this.#moved.get(target)?.();
  }
}
