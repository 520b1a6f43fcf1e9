// The installers' configuration (electron-builder.config.ts), checked here because electron-builder cannot run
// without downloading Electron: it passes electron-builder's own JSON Schema and loader, flips the release fuses,
// packs into asar for the promised targets, and packages only the built app.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config from '../electron-builder.config';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CONFIG_FILE = 'electron-builder.config.ts';
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  author?: { name?: string; email?: string };
  homepage?: string;
  desktopName?: string;
  scripts: Record<string, string>;
};

/** electron-builder validates with ajv over its scheme.json; no type coercion here, so a wrong type fails too. */
function schemaValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === '.git') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

type FileFilter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface MainFileMatchers {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): { createFilter(): FileFilter }[];
}

/** The project files electron-builder would copy into app.asar (node_modules aside), by its own matcher. */
function packagedFiles(candidates: string[]): string[] {
  const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as MainFileMatchers;
  const info = {
    projectDir: ROOT,
    buildResourcesDir: config.directories.buildResources,
    config: structuredClone(config),
    isPrepackedAppAsar: false,
    debugLogger: { isEnabled: false, add() {} },
  };
  const [matcher] = getMainFileMatchers(ROOT, '/app', (p) => p, {}, { info }, join(ROOT, config.directories.output), false);
  const accept = matcher!.createFilter();
  return candidates.filter((file) => accept(join(ROOT, file), { isDirectory: () => false }));
}

describe('electron-builder.config.ts', () => {
  it("passes electron-builder's configuration schema", () => {
    const validate = schemaValidator();
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  it('is refused by that schema when a key is misspelt or has the wrong type, so the check above is live', () => {
    const validate = schemaValidator();
    expect(validate({ ...config, appID: config.appId })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } })).toBe(false);
  });

  it("is what electron-builder's own loader reads from the file, and its validation accepts it", async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Configuration>;
      validateConfiguration(config: Configuration, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const loaded = await getConfig(ROOT, join(ROOT, CONFIG_FILE), null);
    // The loader turns `files` into a file set; everything else is read as written.
    const { files, ...rest } = config;
    expect(loaded).toMatchObject({ ...rest, files: [{ filter: files }] });
    await expect(validateConfiguration(loaded, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('is the configuration `npm run dist` builds with, after building the app, and never publishes', () => {
    expect(pkg.scripts.dist).toBe(`electron-vite build && electron-builder --config ${CONFIG_FILE} --publish never`);
  });

  it('flips the release fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('packs the app into asar for AppImage and deb, a dmg for Apple silicon and Intel, and an NSIS installer', () => {
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('names the app, has the author email a .deb cannot be built without, and no made-up homepage', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Gemini Prompt Playground');
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    // The .deb's address: the homepage when there is a real one, else electron-builder reads a GitHub origin remote.
    // A placeholder would be opened by Help → README online and written into the package as if it were the project's.
    if (pkg.homepage !== undefined) {
      const page = new URL(pkg.homepage);
      expect(page.protocol).toBe('https:');
      expect(page.hostname).not.toMatch(/(^|\.)(example|invalid|test|localhost)$/);
    }
  });

  it("names the Linux launcher after the window's app id, so the desktop ties the running window to it", () => {
    expect(config.linux.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe(`${pkg.name}.desktop`);
  });

  it('makes the icons from the 1024×1024 PNG in resources/', () => {
    expect(config.icon).toBe(`${config.directories.buildResources}/icon.png`);
    const png = readFileSync(join(ROOT, config.icon));
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('packages the built app and package.json, and no source, test, script or build input', () => {
    const built = ['out/main/index.js', 'out/main/chunks/core-abc123.js', 'out/main/cli.js', 'out/preload/preload.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc123.js'];
    const project = filesUnder(ROOT).map((file) => relative(ROOT, file).split(sep).join('/'));
    const packaged = packagedFiles([...new Set([...built, ...project])]);
    expect(packaged).toEqual(expect.arrayContaining([...built, 'package.json']));
    expect(packaged.filter((file) => !file.startsWith('out/') && file !== 'package.json')).toEqual([]);
    const mustNotShip = ['src-main/index.ts', 'src-main/window.ts', 'src-shared/contract.ts', 'src-renderer/App.svelte', 'e2e/harness.ts', 'scripts/app-icon.ts', 'resources/icon.svg', 'resources/icon.png', CONFIG_FILE];
    for (const file of mustNotShip) expect(project).toContain(file);
    expect(project.filter((file) => file.endsWith('.test.ts')).length).toBeGreaterThan(0);
  });
});
