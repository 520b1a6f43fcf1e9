// How the key status reads to a person: where the key lives, and why it may not survive a restart.
import type { KeyStatus } from '../../../src-shared/domain';

export function describeKeyStatus(status: KeyStatus | undefined): string {
  if (!status) return 'Checking for an API key…';
  if (!status.configured) return status.unreadable ? 'A key is saved, but it cannot be read here' : 'No API key set';
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

/**
 * A saved key the keyring cannot open this run, and the ways out: the keyring back (the key returns with it), or
 * the key entered again — which, where the keyring is missing, replaces the saved one with a key kept in memory.
 */
export function describeUnreadableKey(status: KeyStatus | undefined): string | undefined {
  if (!status?.unreadable) return undefined;
  const meanwhile = status.configured ? ' Meanwhile the key from the environment is used.' : '';
  switch (status.unreadable) {
    case 'keyring-locked':
      return `Your saved key is encrypted with the system keyring, which is locked or not available, so the app cannot read it. Unlock the keyring and restart the app, or enter the key again (it then replaces the saved one, kept in memory only until the app closes).${meanwhile}`;
    case 'keyring-absent':
      return `Your saved key is encrypted with a system keyring (Secret Service or KWallet) that was not found this run, so the app cannot read it. Start or unlock the keyring and restart the app, or enter the key again (it then replaces the saved one, kept in memory only until the app closes).${meanwhile}`;
    case 'other-keyring':
      return `Your saved key was encrypted by another system keyring than the one in use now, so the app cannot read it. Restart the app with that keyring unlocked, or enter the key again to save it with this one.${meanwhile}`;
  }
}

/** Only where no other key stands in for it: an environment key in use says itself what the header needs to say. */
export function keyUnreadable(status: KeyStatus | undefined): boolean {
  return status?.unreadable !== undefined && !status.configured;
}

/** The short label of the header button. */
export function keyButtonLabel(status: KeyStatus | undefined): string {
  if (!status) return 'API key';
  if (!status.configured) return status.unreadable ? 'Saved key' : 'Set API key';
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

/** The dot's colour: the check's, or amber for a saved key that cannot be read and no other key stands in for. */
export function keyDotState(status: KeyStatus | undefined): KeyCheckState | 'unreadable' | undefined {
  return keyUnreadable(status) ? 'unreadable' : keyCheckState(status);
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
