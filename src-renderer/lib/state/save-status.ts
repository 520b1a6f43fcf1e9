// What a save says when it ends (Export code's one file, Export suite's folder, an image the model made).
import { describeError, toAppError } from './errors';

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; path: string }
  | { state: 'failed'; message: string };

/**
 * How `save` ended: where it wrote (it resolves to the path, or to undefined when the person cancelled the dialog),
 * or why it could not — a storage or request error, or what was to be saved being gone, in its own words, which
 * already name the file; any other as the app describes it (its NOT_FOUND words are about models, not files).
 */
export async function saveStatusOf(save: () => Promise<string | undefined>): Promise<SaveStatus> {
  try {
    const path = await save();
    return path ? { state: 'saved', path } : { state: 'idle' };
  } catch (e) {
    const error = toAppError(e);
    if (error.code === 'STORAGE' || error.code === 'BAD_REQUEST' || error.code === 'NOT_FOUND') return { state: 'failed', message: error.message };
    const message = describeError(error);
    return { state: 'failed', message: `${message.title}. ${message.detail}` };
  }
}
