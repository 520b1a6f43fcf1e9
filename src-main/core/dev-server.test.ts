// ELECTRON_RENDERER_URL is honoured only in `electron-vite dev`, and only for a dev server on this computer.
import { describe, expect, it } from 'vitest';
import { devServerOrigin } from './dev-server';

const DEV_ENV = { NODE_ENV_ELECTRON_VITE: 'development', ELECTRON_RENDERER_URL: 'http://localhost:5173' };
const dev = { isPackaged: false, devBuild: true, env: DEV_ENV };

describe('devServerOrigin', () => {
  it('is the dev server in `electron-vite dev`: unpackaged, development build, dev flag set', () => {
    expect(devServerOrigin(dev)).toBe('http://localhost:5173');
    expect(devServerOrigin({ ...dev, env: { ...DEV_ENV, ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' } })).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin({ ...dev, env: { ...DEV_ENV, ELECTRON_RENDERER_URL: 'https://[::1]:5173' } })).toBe('https://[::1]:5173');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app, even with every dev flag set', () => {
    expect(devServerOrigin({ ...dev, isPackaged: true })).toBeUndefined();
  });

  it('ignores it in an unpackaged production build (npm start), whatever the environment says', () => {
    expect(devServerOrigin({ ...dev, devBuild: false })).toBeUndefined();
  });

  it('ignores it without the dev flag electron-vite dev sets', () => {
    expect(devServerOrigin({ ...dev, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })).toBeUndefined();
    expect(devServerOrigin({ ...dev, env: { ...DEV_ENV, NODE_ENV_ELECTRON_VITE: 'production' } })).toBeUndefined();
  });

  it('is undefined when no dev server is given', () => {
    expect(devServerOrigin({ ...dev, env: { NODE_ENV_ELECTRON_VITE: 'development' } })).toBeUndefined();
    expect(devServerOrigin({ ...dev, env: { ...DEV_ENV, ELECTRON_RENDERER_URL: '' } })).toBeUndefined();
  });

  it.each([
    ['a public host', 'https://evil.example.com'],
    ['a LAN address', 'http://192.168.1.20:5173'],
    ['a name that starts like localhost', 'http://localhost.evil.com:5173'],
    ['a file URL', 'file:///tmp/index.html'],
    ['another scheme on this computer', 'ws://localhost:5173'],
    ['ftp on this computer', 'ftp://127.0.0.1:5173'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['the app scheme', 'app://playground'],
    ['credentials', 'http://user:pass@localhost:5173'],
    ['a path', 'http://localhost:5173/evil/'],
    ['a query', 'http://localhost:5173/?x=1'],
    ['not a URL', 'localhost:5173 x'],
  ])('ignores a dev server URL that is not http(s) on this computer: %s', (_name, url) => {
    expect(devServerOrigin({ ...dev, env: { ...DEV_ENV, ELECTRON_RENDERER_URL: url } })).toBeUndefined();
  });
});
