// Reordering panes by dragging one by its title bar onto another: the drag carries the pane's id under
// a type of its own, so file drops (images) and pane drops never mistake each other.
export const PANE_DRAG_TYPE = 'application/x-gemini-pane';

export function startPaneDrag(event: DragEvent, paneId: string): void {
  if (!event.dataTransfer) return;
  event.dataTransfer.setData(PANE_DRAG_TYPE, paneId);
  event.dataTransfer.effectAllowed = 'move';
}

const carriesPane = (event: DragEvent): boolean => event.dataTransfer?.types.includes(PANE_DRAG_TYPE) ?? false;

/** A pane other panes can be dropped on: knows while one is over it, and says which one was dropped. */
export class PaneDropTarget {
  /** dragenter/dragleave fire for every child: count them to know when the drag really left. */
  #depth = $state(0);
  readonly active = $derived(this.#depth > 0);

  constructor(private readonly onDrop: (draggedId: string) => void) {}

  readonly enter = (event: DragEvent): void => {
    if (!carriesPane(event)) return;
    event.preventDefault();
    this.#depth++;
  };

  readonly over = (event: DragEvent): void => {
    if (!carriesPane(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
  };

  readonly leave = (event: DragEvent): void => {
    if (carriesPane(event)) this.#depth = Math.max(0, this.#depth - 1);
  };

  readonly drop = (event: DragEvent): void => {
    if (!carriesPane(event)) return;
    event.preventDefault();
    this.#depth = 0;
    const id = event.dataTransfer?.getData(PANE_DRAG_TYPE);
    if (id) this.onDrop(id);
  };
}
