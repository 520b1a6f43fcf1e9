// Which panes the board's sideways scroll has cut off, so each edge can say how many lie beyond it.

export interface Span {
  left: number;
  right: number;
}

export interface OffscreenPanes {
  /** Panes not wholly in view on the left, and on the right. */
  before: number;
  after: number;
  /** The cut pane nearest the view on each side: the one to bring in next. */
  previous: number | undefined;
  next: number | undefined;
}

// Layout widths are fractional: a pane flush with the edge may overhang it by a fraction of a pixel.
const TOLERANCE = 1;

/** `panes` in board order and `view` in the same coordinates (e.g. both from getBoundingClientRect). */
export function offscreenPanes(panes: readonly Span[], view: Span): OffscreenPanes {
  const cutLeft: number[] = [];
  const cutRight: number[] = [];
  panes.forEach((pane, index) => {
    if (pane.left < view.left - TOLERANCE) cutLeft.push(index);
    else if (pane.right > view.right + TOLERANCE) cutRight.push(index);
  });
  return { before: cutLeft.length, after: cutRight.length, previous: cutLeft.at(-1), next: cutRight[0] };
}

export function morePanesLabel(count: number): string {
  return count === 1 ? '1 more pane' : `${count} more panes`;
}
