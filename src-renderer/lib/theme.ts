// The theme on the page: the person's choice (Settings, kept by main) resolved to light or dark on <html
// data-theme>, which styles/global.css reads; "system" follows the OS, also when it changes while the app runs.
//
// Until main's answer arrives the page is in "system", and that is already the chosen theme: main sets the scheme
// the page sees (Electron's nativeTheme.themeSource, src-main/index.ts) from the saved choice before the window
// exists. So the first frame asks nothing: a remembered copy in localStorage cost a synchronous round trip to the
// browser process in the first frame's task, milliseconds on a busy start (bench/RESULTS.md §5b).
import type { ThemeChoice } from '../../src-shared/app-settings';

export interface ThemeTarget {
  /** undefined outside a page (state tests under Node): the choice is kept, nothing is painted. */
  root: HTMLElement | undefined;
  /** undefined where the page cannot tell the system's scheme (then "system" is light). */
  media: MediaQueryList | undefined;
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'dark' || (choice === 'system' && systemDark) ? 'dark' : 'light';
}

export class Theme {
  #choice: ThemeChoice = 'system';
  readonly #target: ThemeTarget;

  constructor(target: ThemeTarget) {
    this.#target = target;
    target.media?.addEventListener('change', () => this.#paint());
    this.#paint();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  apply(choice: ThemeChoice): void {
    this.#choice = choice;
    this.#paint();
  }

  #paint(): void {
    if (this.#target.root) this.#target.root.dataset.theme = resolveTheme(this.#choice, this.#target.media?.matches === true);
  }
}

/** The page's own theme, made on first use so that tests can build their own over a fake target. */
let pageTheme: Theme | undefined;

export function themeOfPage(): Theme {
  const page = typeof window === 'undefined' ? undefined : window;
  pageTheme ??= new Theme({
    root: page?.document.documentElement,
    media: typeof page?.matchMedia === 'function' ? page.matchMedia('(prefers-color-scheme: dark)') : undefined,
  });
  return pageTheme;
}
