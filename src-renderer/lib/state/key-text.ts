// How the key status reads to a person: where the key lives, and why it may not survive a restart.
import type { KeyStatus } from '../../../src-shared/domain';

export function describeKeyStatus(status: KeyStatus | undefined): string {
  if (!status) return 'Checking for an API key…';
  if (!status.configured) return 'No API key set';
  const hint = status.hint ? `Key ${status.hint}` : 'A key';
  switch (status.source) {
    case 'stored':
      return `${hint} — stored encrypted on this computer`;
    case 'memory':
      return `${hint} — kept in memory only, until the app closes`;
    case 'env':
      return `${hint} — from the environment (GEMINI_API_KEY)`;
    default:
      return hint;
  }
}

export function describeKeyWarning(status: KeyStatus | undefined): string | undefined {
  switch (status?.warning) {
    case 'encryption-unavailable':
      return 'This system offers no way to encrypt the key, so it is kept in memory only. You will need to enter it again next time the app starts.';
    case 'weak-encryption':
      return 'No system keyring is available (only weak encryption), so the key is kept in memory only. You will need to enter it again next time the app starts.';
    default:
      return undefined;
  }
}

/** The short label of the header button. */
export function keyButtonLabel(status: KeyStatus | undefined): string {
  if (!status) return 'API key';
  if (!status.configured) return 'Set API key';
  return status.hint ? `Key ${status.hint}` : 'API key';
}

/** Where the key lives, in a word or two, next to the header button's label. */
export function keyLocationLabel(status: KeyStatus | undefined): string | undefined {
  if (!status?.configured) return undefined;
  switch (status.source) {
    case 'stored':
      return 'encrypted';
    case 'memory':
      return 'memory only';
    case 'env':
      return 'from env';
    default:
      return undefined;
  }
}

export type KeyCheckState = 'valid' | 'rejected' | 'unchecked';

/** The badge's colour: green only for a key the API accepted, red for one it refused, grey while nothing is known. */
export function keyCheckState(status: KeyStatus | undefined): KeyCheckState | undefined {
  if (!status?.configured) return undefined;
  return status.check?.state ?? 'unchecked';
}

/** The header's word for it, next to where the key lives. */
export function keyCheckLabel(status: KeyStatus | undefined): string | undefined {
  switch (keyCheckState(status)) {
    case 'valid':
      return 'valid';
    case 'rejected':
      return 'rejected';
    case 'unchecked':
      return 'not checked';
    default:
      return undefined;
  }
}

/** One sentence on what the API said of the key, and what happens next. */
export function describeKeyCheck(status: KeyStatus | undefined): string | undefined {
  const state = keyCheckState(status);
  const reason = status?.check?.message?.trim().replace(/\.?$/, '.');
  switch (state) {
    case 'valid':
      return 'Valid: the Gemini API accepted this key.';
    case 'rejected':
      return `Rejected: ${reason ?? 'the Gemini API did not accept this key.'} The key stays saved until you replace or remove it.`;
    case 'unchecked':
      return status?.check
        ? `Not checked: the Gemini API could not be asked.${reason ? ` ${reason}` : ''} The next request checks it.`
        : 'Not checked yet: the next request checks it.';
    default:
      return undefined;
  }
}
