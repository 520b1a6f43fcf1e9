// The data folder chosen by PG_USER_DATA_DIR (tests, side-by-side profiles), made ready for app.setPath: Electron
// throws when that folder does not exist yet, so it is created first; its logs go inside it, not beside the
// default profile's.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ProfilePaths {
  userData: string;
  logs: string;
}

export function profileFromEnv(
  env: Record<string, string | undefined>,
  mkdir: (path: string) => void = (path) => void mkdirSync(path, { recursive: true, mode: 0o700 }),
): ProfilePaths | undefined {
  const chosen = env.PG_USER_DATA_DIR?.trim();
  if (!chosen) return undefined;
  const userData = resolve(chosen);
  const logs = join(userData, 'logs');
  mkdir(userData);
  mkdir(logs);
  return { userData, logs };
}
