// The theme on the page: the person's choice (Settings, kept by main) resolved to light or dark on <html
// data-theme>, which styles/global.css reads; "system" follows the OS, also when it changes while the app runs.
import { isTheme, type ThemeChoice } from '../../src-shared/app-settings';

/** The last choice, kept here too so the first frame is already in it: main's answer comes a moment later. */
const REMEMBERED = 'pg:theme';

export interface ThemeTarget {
  /** undefined outside a page (state tests under Node): the choice is kept, nothing is painted. */
  root: HTMLElement | undefined;
  /** undefined where the page cannot tell the system's scheme (then "system" is light). */
  media: MediaQueryList | undefined;
  store: Pick<Storage, 'getItem' | 'setItem'> | undefined;
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
    let remembered: string | null = null;
    try {
      remembered = target.store?.getItem(REMEMBERED) ?? null;
    } catch {
      // Storage may be unavailable; the page then starts in the system's scheme until main answers.
    }
    if (isTheme(remembered)) this.#choice = remembered;
    this.#paint();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  apply(choice: ThemeChoice): void {
    this.#choice = choice;
    this.#paint();
    try {
      this.#target.store?.setItem(REMEMBERED, choice);
    } catch {
      // Only the first frame of the next start depends on it.
    }
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
    store: page ? storageOrUndefined() : undefined,
  });
  return pageTheme;
}

function storageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
