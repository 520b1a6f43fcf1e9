// Whether the sessions sidebar is shown: the person's choice when they made one, otherwise only while
// every pane still fits beside it at its minimum width (else pane 1 would scroll out of sight).
export const SIDEBAR_WIDTH = 248;
export const PANE_MIN_WIDTH = 300;

export function sidebarShown(choice: boolean | undefined, windowWidth: number, paneCount: number): boolean {
  if (choice !== undefined) return choice;
  return windowWidth - SIDEBAR_WIDTH >= paneCount * PANE_MIN_WIDTH;
}
