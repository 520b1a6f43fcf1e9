import { describe, expect, it } from 'vitest';
import { sidebarShown } from './sidebar';

describe('sidebarShown', () => {
  it('shows the sidebar while the panes fit beside it', () => {
    expect(sidebarShown(undefined, 1280, 3)).toBe(true);
    expect(sidebarShown(undefined, 1280, 4)).toBe(false);
    expect(sidebarShown(undefined, 2560, 6)).toBe(true);
  });

  it('follows the person once they chose', () => {
    expect(sidebarShown(true, 1280, 6)).toBe(true);
    expect(sidebarShown(false, 2560, 1)).toBe(false);
  });
});
