// Test support: node:fs/promises that records every path it opens and fails chosen operations, to
// simulate a crash or a full disk between any two steps of a write; and a key-value store whose writes
// fail the same way. Not used by the app.
import { existsSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { KeyValueStore } from '../../src-main/core/ports';
import { READ_WITHOUT_WAITING, type FsPort } from '../../src-main/core/storage/files';

type Op = 'open' | 'rename' | 'unlink' | 'mkdir';

export interface FaultyFs extends FsPort {
  /** [operation, path, flags] in call order. */
  readonly calls: [Op, string, (string | number)?][];
  /** Fails every later `op` whose path (the target, for rename) matches, with `code`; returns a disarm function. */
  failWhen(op: Op, match: (path: string, flags?: string | number) => boolean, code?: string): () => void;
  /** Paths opened for reading. */
  reads(): string[];
}

export function faultyFs(): FaultyFs {
  const calls: FaultyFs['calls'] = [];
  let rules: { op: Op; match: (path: string, flags?: string | number) => boolean; code: string }[] = [];
  const check = (op: Op, path: string, flags?: string | number) => {
    calls.push([op, path, flags]);
    const rule = rules.find((r) => r.op === op && r.match(path, flags));
    if (rule) throw Object.assign(new Error(`${op} ${path}: injected ${rule.code}`), { code: rule.code });
  };
  return {
    ...fsp,
    calls,
    failWhen(op, match, code = 'EIO') {
      const rule = { op, match, code };
      rules.push(rule);
      return () => {
        rules = rules.filter((r) => r !== rule);
      };
    },
    // Reads open with 'r' or, in readFileCapped, with READ_WITHOUT_WAITING (a number): count both.
    reads: () => calls.filter(([op, , flags]) => op === 'open' && (flags === 'r' || flags === READ_WITHOUT_WAITING)).map(([, path]) => path),
    open: (async (path: string, flags?: string | number, mode?: number) => {
      check('open', String(path), flags);
      return fsp.open(path, flags, mode);
    }) as FsPort['open'],
    rename: async (from, to) => {
      check('rename', String(to));
      return fsp.rename(from, to);
    },
    unlink: async (path) => {
      check('unlink', String(path));
      return fsp.unlink(path);
    },
    mkdir: (async (path: string, options: Parameters<typeof fsp.mkdir>[1]) => {
      if (typeof options !== 'object' || options?.recursive !== true) {
        check('mkdir', String(path));
        return fsp.mkdir(path, options);
      }
      // As Node does: each missing folder is made in turn, and any failure among them is reported as ENOENT
      // (nodejs/node#47098, #42808).
      const missing: string[] = [];
      for (let p = resolve(path); !existsSync(p) && dirname(p) !== p; p = dirname(p)) missing.unshift(p);
      for (const folder of missing) {
        try {
          check('mkdir', folder);
        } catch (error) {
          throw Object.assign(new Error(`mkdir ${path}: ENOENT (was ${(error as { code: string }).code})`), { code: 'ENOENT' });
        }
      }
      return fsp.mkdir(path, options);
    }) as FsPort['mkdir'],
  };
}

export interface FaultyStore extends KeyValueStore {
  /** Every later set and delete fails with `code`, leaving the store as it was; returns a disarm function. */
  failWrites(code: string): () => void;
}

/** A store (a real conf file in most tests) whose writes fail as conf's do on a full or read-only disk. */
export function faultyStore(store: KeyValueStore): FaultyStore {
  let failing: string | undefined;
  const check = (op: string, key: string) => {
    if (failing) throw Object.assign(new Error(`${op} ${key}: injected ${failing}`), { code: failing });
  };
  return {
    get: (key) => store.get(key),
    set: (key, value) => (check('set', key), store.set(key, value)),
    delete: (key) => (check('delete', key), store.delete(key)),
    failWrites(code) {
      failing = code;
      return () => {
        failing = undefined;
      };
    },
  };
}
