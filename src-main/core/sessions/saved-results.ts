// The results of the sessions saved last, by the updatedAt they were saved at, so a save that sends its test set's
// results as a change (contract `saveSession`, src-shared/eval/results-delta.ts) is applied to them without reading
// the document back from disk: during a run the open session is saved about every second. Every cell held here was
// read or written as part of a whole document the reader accepted, and every cell a change brings is checked here,
// so the document they make is written without reading its thousands of cells back (session-document.ts).
import { z } from 'zod';
import { applyResultsDelta, type ResultsDelta } from '../../../src-shared/eval/results-delta';
import { cellResultSchema, type CellResult } from '../../../src-shared/eval/test-set';
import { RecentMap } from '../../../src-shared/recent-map';
import type { Session } from '../../../src-shared/session';
import { AppFailure } from '../failure';

const KEPT = 8;
const cellsSchema = z.array(cellResultSchema);

export class SavedResults {
  readonly #byId = new RecentMap<string, { updatedAt: string; results: readonly CellResult[] }>(KEPT);

  /**
   * `session` is what is on disk now (written or read). Its cells are frozen: session-document.ts keeps each cell's
   * JSON by the cell object, which is right only while no cell changes in place.
   */
  remember(session: Session): void {
    const results = session.testSet?.results ?? [];
    for (const cell of results) Object.freeze(cell);
    this.#byId.set(session.id, { updatedAt: session.updatedAt, results });
  }

  forget(id: string): void {
    this.#byId.delete(id);
  }

  /**
   * `session` with the results of the saved version `delta.since` changed by `delta`; `read` gives the saved
   * document when it was not written or read lately. CONFLICT when the saved version is another.
   */
  async apply(session: Session, delta: ResultsDelta, read: () => Promise<Session | undefined>): Promise<Session> {
    if (!session.testSet) throw new AppFailure('BAD_REQUEST', 'A change of test results came without the test set it belongs to.');
    const put = cellsSchema.safeParse(delta.put);
    if (!put.success) throw new AppFailure('BAD_REQUEST', `A changed test result is not valid: ${put.error.issues[0]?.message ?? 'unknown'}.`);
    let saved = this.#byId.get(session.id);
    if (saved?.updatedAt !== delta.since) {
      const onDisk = await read();
      if (onDisk) this.remember(onDisk);
      saved = this.#byId.get(session.id);
    }
    if (!saved || saved.updatedAt !== delta.since) {
      throw new AppFailure('CONFLICT', 'The saved session changed since these results were counted; nothing was written.');
    }
    return { ...session, testSet: { ...session.testSet, results: applyResultsDelta(saved.results, { put: put.data, remove: delta.remove }) } };
  }
}
