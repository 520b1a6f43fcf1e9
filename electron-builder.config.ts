// Installers: `npm run dist` builds the app, then electron-builder packs it for the platform it runs on (README,
// "Build installers"). Checked against electron-builder's own schema, and for what must hold, by
// scripts/electron-builder-config.test.ts. A TypeScript file so the type checker knows every key too; electron-builder
// loads it with jiti.
import type { Configuration } from 'electron-builder';

const config = {
  appId: 'dev.gemini-prompt-playground.app',
  // Names the installers, shortcuts and the macOS bundle only. The installed app's name (and so its data folder)
  // stays package.json's `name`, as in `npm start`, so the installed app opens the same sessions and settings.
  productName: 'Gemini Prompt Playground',
  directories: { output: 'dist', buildResources: 'resources' },
  // The built app and package.json; electron-builder adds the production node_modules itself. Nothing under
  // resources/ is read at run time (the icon is build input, session.schema.json documentation).
  files: ['out/**/*', 'package.json'],
  asar: true,
  // One 1024×1024 source: electron-builder makes the .icns, the .ico and Linux's sizes from it.
  icon: 'resources/icon.png',
  artifactName: '${name}-${version}-${os}-${arch}.${ext}',
  // No dependency is native, so nothing to rebuild for Electron; @electron/rebuild would also want Node 22.12+.
  npmRebuild: false,
  // Flipped in the Electron binary of every packaged build (https://www.electronjs.org/docs/latest/tutorial/fuses):
  // the app cannot be turned into a plain Node runtime or debugger by its environment or arguments, it runs
  // only the code in its own app.asar, checked against the hash in the binary, and nothing is served from file://.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses breaks the ad-hoc signature Apple Silicon requires; an unsigned build must be re-signed
    // ad hoc to start at all. A real certificate signs over it afterwards.
    resetAdHocDarwinSignature: true,
  },
  linux: {
    target: ['AppImage', 'deb'],
    // The .desktop file named after package.json's desktopName, which is also the window's app id / WM_CLASS in
    // Electron, so the desktop puts the running window under the app's launcher and icon.
    syncDesktopName: true,
    category: 'Development',
    synopsis: 'Compare Gemini prompts side by side and export them to code',
  },
  // Debian's own file-name convention.
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  win: {
    target: ['nsis'],
  },
  // Uninstalling keeps the data folder: sessions and settings are the person's work, not the app's.
  nsis: { deleteAppDataOnUninstall: false },
} satisfies Configuration;

export default config;
