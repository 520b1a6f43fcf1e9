// Node module-resolution hook (module.register): the specifier 'electron' — from the app and from electron-store
// alike — resolves to the double instead of the npm package (whose main only names the binary's path).
let electronUrl;

export async function initialize(data) {
  electronUrl = data.electronUrl;
}

export async function resolve(specifier, context, nextResolve) {
  // Handed on, so the TypeScript loader (tsx) resolves and compiles the double like any other .ts file.
  if (specifier === 'electron' || specifier === 'electron/main') return nextResolve(electronUrl, context);
  return nextResolve(specifier, context);
}
