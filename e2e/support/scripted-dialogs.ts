// A Dialogs stand-in for e2e: each save/open dialog takes the next scripted answer (a path, or null for
// "cancelled"), each confirmation the next scripted yes/no; an unscripted dialog counts as cancelled.
// Every dialog shown is recorded.
import type { Dialogs } from '../../src-main/core/ports';

export type ShownDialog =
  | { kind: 'save' | 'open' | 'folder'; title: string; defaultName?: string; extensions: string[] }
  | { kind: 'confirm'; title: string; message: string; detail: string; confirmLabel: string };

export interface ScriptedDialogs extends Dialogs {
  /** Queues the answer of the next save dialog: an absolute path, or null to cancel. */
  answerNextSave(path: string | null): void;
  /** Queues the answer of the next open dialog (a file's or a folder's): an absolute path, or null to cancel. */
  answerNextOpen(path: string | null): void;
  /** Queues the answer of the next confirmation: true = the confirm button, false = Cancel. */
  answerNextConfirm(yes: boolean): void;
  readonly shown: ShownDialog[];
}

export interface DialogAnswers {
  save?: (string | null)[];
  open?: (string | null)[];
  confirm?: boolean[];
}

export function scriptedDialogs(answers: DialogAnswers = {}): ScriptedDialogs {
  const saves = [...(answers.save ?? [])];
  const opens = [...(answers.open ?? [])];
  const confirms = [...(answers.confirm ?? [])];
  const shown: ShownDialog[] = [];
  return {
    shown,
    answerNextSave: (path) => void saves.push(path),
    answerNextOpen: (path) => void opens.push(path),
    answerNextConfirm: (yes) => void confirms.push(yes),
    async showSaveDialog({ title, defaultName, filters }) {
      shown.push({ kind: 'save', title, defaultName, extensions: filters.flatMap((f) => f.extensions) });
      return saves.shift() ?? undefined;
    },
    async showOpenDialog({ title, filters, folder }) {
      shown.push({ kind: folder ? 'folder' : 'open', title, extensions: filters.flatMap((f) => f.extensions) });
      return opens.shift() ?? undefined;
    },
    async confirm({ title, message, detail, confirmLabel }) {
      shown.push({ kind: 'confirm', title, message, detail, confirmLabel });
      return confirms.shift() ?? false;
    },
  };
}
