// What main does when the window's page process ends on its own (Electron's render-process-gone): the window is
// left blank, so it is loaded again, once the answers that were streaming are in their sessions (AppCore.windowGone).
// A page that keeps failing (say, a session that crashes it each time it opens) is not reloaded for ever: after a
// few in a short time the person is told, and the app closes with everything saved.

export type AfterPageGone = 'nothing' | 'reload' | 'give-up';

/** How many ends within how long make the page one that keeps failing. */
export const PAGE_GONE_LIMIT = { count: 3, withinMs: 60_000 };

export class PageCrashes {
  readonly #times: number[] = [];
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** `reason`: Electron's RenderProcessGoneDetails.reason. A clean exit is the window closing: nothing to do; any other end is counted. */
  decide(reason: string): AfterPageGone {
    if (reason === 'clean-exit') return 'nothing';
    const now = this.#now();
    this.#times.push(now);
    while (this.#times.length > 0 && now - this.#times[0]! > PAGE_GONE_LIMIT.withinMs) this.#times.shift();
    return this.#times.length >= PAGE_GONE_LIMIT.count ? 'give-up' : 'reload';
  }

  /** What the person is told when the app gives up (the log file says more). */
  static giveUpMessage(logFile: string | undefined): string {
    return [
      `The window stopped ${PAGE_GONE_LIMIT.count} times within a minute, so the app closes instead of loading it again.`,
      'Your saved conversations are kept, and answers that were streaming were added to their sessions.',
      ...(logFile ? [`What happened is in the log: ${logFile}`] : []),
    ].join('\n\n');
  }
}
