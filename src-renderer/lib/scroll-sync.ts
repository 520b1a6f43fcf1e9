// Synchronised scrolling across panes: the turn at the top of the pane being scrolled, at the same
// fraction of its height, is brought to the top of every other pane (answers differ in length).

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
  #enabled: () => boolean;

  constructor(enabled: () => boolean) {
    this.#enabled = enabled;
  }

  register(scroller: HTMLElement): () => void {
    const onScroll = () => this.#mirror(scroller);
    this.#scrollers.add(scroller);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      this.#scrollers.delete(scroller);
      scroller.removeEventListener('scroll', onScroll);
    };
  }

  #mirror(source: HTMLElement): void {
    const expected = this.#expected.get(source);
    if (expected !== undefined) {
      this.#expected.delete(source);
      if (Math.abs(source.scrollTop - expected) < 2) return;
    }
    if (!this.#enabled() || !driven(source)) return;
    const anchor = anchorAt(boxesOf(source), source.scrollTop);
    const ratio = source.scrollTop / Math.max(1, source.scrollHeight - source.clientHeight);
    for (const target of this.#scrollers) {
      if (target === source) continue;
      const max = target.scrollHeight - target.clientHeight;
      const top = (anchor && scrollTopFor(boxesOf(target), anchor)) ?? ratio * max;
      const clamped = Math.round(Math.max(0, Math.min(max, top)));
      if (Math.abs(target.scrollTop - clamped) < 2) continue;
      this.#expected.set(target, clamped);
      target.scrollTop = clamped;
    }
  }
}
