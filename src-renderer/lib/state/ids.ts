// Ids the renderer makes for panes, turns and repeat samples.
let counter = 0;

/** Unique within the page, and across restored sessions (their ids were made by another run). */
export function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${(++counter).toString(36)}`;
}
