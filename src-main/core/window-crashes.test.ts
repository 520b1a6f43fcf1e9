// A page process that ends on its own is loaded again; one that keeps ending is not, for ever.
import { describe, expect, it } from 'vitest';
import { PAGE_GONE_LIMIT, PageCrashes } from './window-crashes';

describe('PageCrashes', () => {
  it('does nothing when the page exits cleanly (the window closing), and counts none', () => {
    let now = 0;
    const crashes = new PageCrashes(() => now);
    for (let i = 0; i < 10; i++) expect(crashes.decide('clean-exit')).toBe('nothing');
    now = 1;
    expect(crashes.decide('crashed')).toBe('reload');
  });

  it('reloads after a crash, an out-of-memory or a kill, and gives up at the third within a minute', () => {
    let now = 0;
    const crashes = new PageCrashes(() => now);
    expect(crashes.decide('crashed')).toBe('reload');
    now += 10_000;
    expect(crashes.decide('oom')).toBe('reload');
    now += 10_000;
    expect(crashes.decide('killed')).toBe('give-up');
  });

  it('forgets ends older than a minute: a page that fails now and then is always loaded again', () => {
    let now = 0;
    const crashes = new PageCrashes(() => now);
    for (let i = 0; i < 10; i++) {
      expect(crashes.decide('crashed')).toBe('reload');
      now += PAGE_GONE_LIMIT.withinMs / 2 + 1;
    }
  });

  it('tells the person why the app closes, and where the log is', () => {
    const message = PageCrashes.giveUpMessage('/logs/main.log');
    expect(message).toContain('3 times within a minute');
    expect(message).toContain('/logs/main.log');
    expect(PageCrashes.giveUpMessage(undefined)).not.toContain('log');
  });
});
