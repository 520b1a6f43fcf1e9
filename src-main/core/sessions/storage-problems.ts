// What went wrong with the files this run (storageProblems() in the contract): damaged files moved aside, or left
// in place and why, each worded for people. The repository, start-up recovery and the settings store report here.
import type { StorageProblem } from '../../../src-shared/session';
import type { Logger } from '../ports';
import { errnoCode, type FsPort } from '../storage/files';
import { setAside, type SetAside } from '../storage/storage-failure';

export class StorageProblems {
  readonly #problems: StorageProblem[] = [];

  constructor(
    private readonly fs: FsPort,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Copies, so a caller cannot change what is reported. */
  list(): StorageProblem[] {
    return this.#problems.map((p) => ({ ...p }));
  }

  report(problem: Omit<StorageProblem, 'at'>): void {
    this.#problems.push({ ...problem, at: new Date(this.now()).toISOString() });
  }

  /** Moves a damaged file aside and reports what really happened: moved, or left in place and why. */
  async setAside(file: string, kind: StorageProblem['kind'], message: (aside: SetAside) => string, sessionId?: string): Promise<SetAside> {
    const aside = await setAside(this.fs, file, this.now());
    const { movedTo } = aside;
    if (movedTo === undefined) this.logger.error('sessions: could not move a damaged file aside', { file, code: errnoCode(aside.error) });
    else this.logger.warn('sessions: damaged file moved aside', { file, movedTo });
    this.report({ kind, file, message: message(aside), ...(movedTo ? { movedTo } : {}), ...(sessionId ? { sessionId } : {}) });
    return aside;
  }
}
