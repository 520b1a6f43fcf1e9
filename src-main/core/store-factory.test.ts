import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { confStoreFactory } from '../../e2e/support/conf-store';
import { silentLogger } from './ports';
import { createStoreFactory } from './store-factory';

const tmp = () => mkdtempSync(join(tmpdir(), 'pg-store-'));

describe('store factory over conf', () => {
  it('writes one JSON file per name, with the requested mode', () => {
    const dir = tmp();
    const open = confStoreFactory(dir);
    open('settings').set('baseUrl', 'http://x');
    open('secrets', { fileMode: 0o600 }).set('a.b', 1);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ baseUrl: 'http://x' });
    // Dots are part of the key, not a path.
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual({ 'a.b': 1 });
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(open('settings').get('baseUrl')).toBe('http://x');
  });

  it('moves an unreadable file aside, reports it and opens a fresh store', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'settings.json'), '{"baseUrl": "http://x", trunc');
    const recovered: string[] = [];
    const open = createStoreFactory({
      cwd: dir,
      logger: silentLogger,
      open: (name) => new Conf({ cwd: dir, configName: name }),
      onRecovered: (name, movedTo) => recovered.push(`${name} → ${movedTo}`),
    });
    const store = open('settings');
    expect(store.get('baseUrl')).toBeUndefined();
    store.set('baseUrl', 'http://y');
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toContain('trunc');
    expect(recovered).toEqual([`settings → ${join(dir, aside[0]!)}`]);
  });

  it('refuses store names that could leave the folder', () => {
    const open = confStoreFactory(tmp());
    for (const name of ['../x', '/etc/passwd', '.hidden', 'a/../../b', '']) expect(() => open(name)).toThrow('Invalid store name');
  });
});
