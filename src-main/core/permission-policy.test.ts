// Permissions: clipboard writing for the app's own main frame only; everything else denied.
import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './permission-policy';

const APP = 'app://playground/index.html';
const DEV = 'http://localhost:5173';

describe('isPermissionAllowed', () => {
  it('allows clipboard writing for the app page (URL or origin), main frame only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', { url: APP, isMainFrame: true })).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', { url: 'app://playground', isMainFrame: true })).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', { url: APP, isMainFrame: false })).toBe(false);
  });

  it('refuses other origins, and the dev server outside development', () => {
    for (const url of ['https://example.com/', 'app://other/index.html', 'file:///etc/passwd', '', undefined]) {
      expect(isPermissionAllowed('clipboard-sanitized-write', { url, isMainFrame: true })).toBe(false);
    }
    expect(isPermissionAllowed('clipboard-sanitized-write', { url: `${DEV}/`, isMainFrame: true })).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', { url: `${DEV}/`, isMainFrame: true }, DEV)).toBe(true);
  });

  it('refuses every other permission, reading the clipboard included', () => {
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(permission, { url: APP, isMainFrame: true })).toBe(false);
    }
  });
});
