// Which of a toolbar's controls stay in the bar at a given width; the rest go into its "⋯" menu.

export interface FitItem {
  id: string;
  /** Its width in the bar, as last measured. */
  width: number;
  /** Lower stays longer: the bar gives up its controls from the highest priority number down. */
  priority: number;
}

export interface FitSpace {
  /** The bar's width. */
  available: number;
  /** Space between two neighbours. */
  gap: number;
  /** The "⋯" button's width, reserved as soon as one control does not fit. */
  overflowWidth: number;
}

// Sub-pixel widths summed may exceed the bar by a rounding error where they do fit.
const ROUNDING = 0.5;

function rowWidth(widths: readonly number[], gap: number): number {
  return widths.length === 0 ? 0 : widths.reduce((sum, w) => sum + w, 0) + gap * (widths.length - 1);
}

/**
 * The ids that stay in the bar. The controls that go are always the lowest in priority: one is never kept
 * while a more important one is in the menu, so the bar does not reshuffle as the window narrows.
 */
export function fitToolbar(items: readonly FitItem[], space: FitSpace): Set<string> {
  if (!Number.isFinite(space.available) || space.available < 0) throw new Error(`toolbar width must be a number ≥ 0, got ${space.available}`);
  const all = items.map((item) => item.width);
  if (rowWidth(all, space.gap) <= space.available + ROUNDING) return new Set(items.map((item) => item.id));

  const room = space.available - space.overflowWidth - space.gap;
  const byPriority = items.map((item, order) => ({ item, order })).sort((a, b) => a.item.priority - b.item.priority || a.order - b.order);
  const kept: FitItem[] = [];
  for (const { item } of byPriority) {
    if (rowWidth([...kept, item].map((k) => k.width), space.gap) > room + ROUNDING) break;
    kept.push(item);
  }
  return new Set(kept.map((item) => item.id));
}
