/// <reference types="vite/client" />
// Guards the renderer's rules: no electron/node imports, one door to main, one place that injects HTML.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob(['./**/*.ts', './**/*.svelte', '!./**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const files = Object.entries(sources);

describe('renderer boundaries', () => {
  it('finds the renderer sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports neither electron nor node built-ins, and uses no process', () => {
    for (const [path, text] of files) {
      expect(text, path).not.toMatch(/from\s+['"](?:electron|node:[^'"]+|fs|path|child_process)['"]/);
      expect(text, path).not.toMatch(/\bprocess\.(?:env|versions|platform)\b/);
    }
  });

  it('touches window.playground only in lib/api.ts', () => {
    const users = files.filter(([, text]) => /\bplayground\b/.test(text.replace(/Gemini Prompt Playground|PlaygroundBridge|PlaygroundApi|PlaygroundEvents|'playground\.(?:py|mjs|sh)'/g, '')));
    expect(users.map(([path]) => path)).toEqual(['./lib/api.ts']);
  });

  it('injects HTML only in Markdown.svelte', () => {
    const users = files.filter(([, text]) => /\{@html\b|innerHTML|outerHTML|insertAdjacentHTML/.test(text));
    expect(users.map(([path]) => path)).toEqual(['./components/Markdown.svelte']);
  });

  it('does not pull zod into the bundle', () => {
    for (const [path, text] of files) expect(text, path).not.toMatch(/schemas['"]|from ['"]zod['"]/);
  });
});
