// What a component deep in the window may ask of it without a callback handed down through every layer: a turn's
// error message opening Settings, where the message says to look; an answer's image saved to a file.
import { createContext } from 'svelte';

export interface AppActions {
  openSettings(): void;
  /** The API key dialog (absent where no app is connected). */
  openKey?(): void;
  /** An image the model made, saved through main's save dialog (absent where no app is connected). */
  saveImage?(sha256: string, suggestedName: string): Promise<{ saved: boolean; path?: string }>;
}

export const [getAppActions, setAppActions, hasAppActions] = createContext<AppActions>();
