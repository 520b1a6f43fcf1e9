// Left and right arrows move the choice in a row of options (a tab list, a radio group), wrapping at the ends.

/** The option the arrow key of `event` moves to from `current` (and the key is then taken); undefined for other keys. */
export function arrowStep<T>(event: Pick<KeyboardEvent, 'key' | 'preventDefault'>, options: readonly T[], current: T): T | undefined {
  const move = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
  if (move === 0) return undefined;
  event.preventDefault();
  const at = options.indexOf(current);
  return options[(at + move + options.length) % options.length];
}

/** A keydown handler for the row: an arrow chooses the next option and moves the focus to its element (id `idOf`). */
export function arrowKeys<T>(options: readonly T[], current: () => T, choose: (option: T) => void, idOf: (option: T) => string): (event: KeyboardEvent) => void {
  return (event) => {
    const next = arrowStep(event, options, current());
    if (next === undefined) return;
    choose(next);
    document.getElementById(idOf(next))?.focus();
  };
}
