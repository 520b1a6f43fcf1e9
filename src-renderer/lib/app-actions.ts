// What a component deep in the window may ask of it without a callback handed down through every layer: a turn's
// error message opening Settings, where the message says to look.
import { createContext } from 'svelte';

export interface AppActions {
  openSettings(): void;
}

export const [getAppActions, setAppActions, hasAppActions] = createContext<AppActions>();
