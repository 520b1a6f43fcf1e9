// A saved key this run's keyring cannot open: the reasons main names, and the advice main's NO_KEY and the window
// both show, so the window never has to find the reason in main's wording.

export const UNREADABLE_KEYS = ['keyring-locked', 'keyring-absent', 'other-keyring'] as const;

/**
 * Why a saved key cannot be read: `keyring-locked`, the system offers no encryption this run (a locked or missing
 * keyring); `keyring-absent`, Linux found no keyring, only basic_text; `other-keyring`, it was sealed by another one.
 */
export type UnreadableKey = (typeof UNREADABLE_KEYS)[number];

const BECAUSE: Record<UnreadableKey, string> = {
  'keyring-locked': 'the system keyring is locked or not available. Unlock the keyring and restart the app',
  'keyring-absent': 'the system keyring (Secret Service or KWallet) was not found this run. Start or unlock the keyring and restart the app',
  'other-keyring': 'it was encrypted by another system keyring than the one in use now. Restart the app with that keyring unlocked',
};

/** Why, and the ways out, in lower case to follow a lead-in: "the system keyring is locked … (Settings → API key)." */
export function unreadableKeyAdvice(why: UnreadableKey): string {
  return `${BECAUSE[why]}, or enter the key again (Settings → API key).`;
}
