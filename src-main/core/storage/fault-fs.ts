// Test support: node:fs/promises that records every path it opens and fails chosen operations, to
// simulate a crash or a full disk between any two steps of a write. Not used by the app.
import * as fsp from 'node:fs/promises';
import type { FsPort } from './files';

type Op = 'open' | 'rename' | 'unlink' | 'mkdir';

export interface FaultyFs extends FsPort {
  /** [operation, path, flags] in call order. */
  readonly calls: [Op, string, string?][];
  /** Fails every later `op` whose path (the target, for rename) matches, with `code`; returns a disarm function. */
  failWhen(op: Op, match: (path: string, flags?: string) => boolean, code?: string): () => void;
  /** Paths opened for reading. */
  reads(): string[];
}

export function faultyFs(): FaultyFs {
  const calls: FaultyFs['calls'] = [];
  let rules: { op: Op; match: (path: string, flags?: string) => boolean; code: string }[] = [];
  const check = (op: Op, path: string, flags?: string) => {
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
    reads: () => calls.filter(([op, , flags]) => op === 'open' && flags === 'r').map(([, path]) => path),
    open: (async (path: string, flags?: string, mode?: number) => {
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
      check('mkdir', String(path));
      return fsp.mkdir(path, options);
    }) as FsPort['mkdir'],
  };
}
