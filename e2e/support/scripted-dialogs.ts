// A FileDialogs stand-in for e2e: each save/open dialog takes the next scripted answer (a path, or
// null for "cancelled"); an unscripted dialog counts as cancelled. Every dialog shown is recorded.
import type { FileDialogs } from '../../src-main/core/ports';

export interface ShownDialog {
  kind: 'save' | 'open';
  title: string;
  defaultName?: string;
  extensions: string[];
}

export interface ScriptedDialogs extends FileDialogs {
  /** Queues the answer of the next save dialog: an absolute path, or null to cancel. */
  answerNextSave(path: string | null): void;
  /** Queues the answer of the next open dialog: an absolute path, or null to cancel. */
  answerNextOpen(path: string | null): void;
  readonly shown: ShownDialog[];
}

export interface DialogAnswers {
  save?: (string | null)[];
  open?: (string | null)[];
}

export function scriptedDialogs(answers: DialogAnswers = {}): ScriptedDialogs {
  const saves = [...(answers.save ?? [])];
  const opens = [...(answers.open ?? [])];
  const shown: ShownDialog[] = [];
  return {
    shown,
    answerNextSave: (path) => void saves.push(path),
    answerNextOpen: (path) => void opens.push(path),
    async showSaveDialog({ title, defaultName, filters }) {
      shown.push({ kind: 'save', title, defaultName, extensions: filters.flatMap((f) => f.extensions) });
      return saves.shift() ?? undefined;
    },
    async showOpenDialog({ title, filters }) {
      shown.push({ kind: 'open', title, extensions: filters.flatMap((f) => f.extensions) });
      return opens.shift() ?? undefined;
    },
  };
}
