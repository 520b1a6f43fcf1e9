// Where the built app is: `out/` unless PLAYGROUND_OUT_DIR names another folder, so people (or agents) working
// in one checkout at once can build and test without one build rewriting the files another test is loading.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function outDir(): string {
  const chosen = process.env.PLAYGROUND_OUT_DIR?.trim();
  if (!chosen) return resolve(ROOT, 'out');
  return isAbsolute(chosen) ? chosen : resolve(ROOT, chosen);
}
