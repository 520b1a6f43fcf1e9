// A disk that refuses the sessions' saves, for specs of what the app does when its autosave fails.
import { AppFailure } from '../../src-main/core/failure';
import type { Playground } from '../harness';

/** Every save main is asked for fails as a full disk would, until the returned function is called. */
export function failSaves(app: Playground): () => void {
  const save = app.core.api.saveSession;
  app.core.api.saveSession = async () => {
    throw new AppFailure('STORAGE', 'The disk is full.');
  };
  return () => void (app.core.api.saveSession = save);
}
