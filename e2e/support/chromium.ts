// Which Chromium to drive: Debian's where it exists (offline machines, CI), else Playwright's own.
import { existsSync } from 'node:fs';

export function chromiumExecutable(): string | undefined {
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Without the background-networking flags Chromium keeps dialling Google from an offline machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
