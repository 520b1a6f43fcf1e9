import { describe, expect, it } from 'vitest';
import { codeLanguage, highlightDecision, HIGHLIGHT_MAX_CHARS, type CodeBlockState } from './code-language';

describe('codeLanguage: the label from the fence info', () => {
  it.each([
    ['ts', 'TypeScript', 'typescript'],
    ['TypeScript', 'TypeScript', 'typescript'],
    ['py', 'Python', 'python'],
    ['python3 title="main.py"', 'Python', 'python'],
    ['sh', 'Bash', 'bash'],
    ['shell', 'Bash', 'bash'],
    ['html', 'HTML', 'xml'],
    ['c++', 'C++', 'cpp'],
    ['C#', 'C#', 'csharp'],
    ['yml', 'YAML', 'yaml'],
  ])('%s reads %s and highlights as %s', (info, label, highlight) => {
    expect(codeLanguage(info)).toEqual({ name: info.split(' ')[0], label, highlight });
  });

  it('shows a language it cannot highlight as written', () => {
    expect(codeLanguage('haskell')).toEqual({ name: 'haskell', label: 'haskell', highlight: undefined });
  });

  it.each([undefined, '', '   ', '<script>', '&lt;b&gt;', 'a&#32;md-task'])('reads %j as a block without a language', (info) => {
    expect(codeLanguage(info)).toEqual({ name: '', label: 'Code', highlight: undefined });
  });
});

describe('highlightDecision: which blocks are highlighted', () => {
  const block = (over: Partial<CodeBlockState> = {}): CodeBlockState => ({
    language: codeLanguage('ts'),
    chars: 200,
    complete: true,
    visible: true,
    ...over,
  });

  it('highlights a closed block in view', () => {
    expect(highlightDecision(block())).toBe('highlight');
  });

  it('waits for a block still streaming, and for one out of view', () => {
    expect(highlightDecision(block({ complete: false }))).toBe('not-complete');
    expect(highlightDecision(block({ visible: false }))).toBe('not-visible');
  });

  it('leaves a language the highlighter does not carry, or none, plain', () => {
    expect(highlightDecision(block({ language: codeLanguage('haskell') }))).toBe('unsupported');
    expect(highlightDecision(block({ language: codeLanguage('') }))).toBe('unsupported');
  });

  it('leaves a block over the size limit plain, and takes one at the limit', () => {
    expect(highlightDecision(block({ chars: HIGHLIGHT_MAX_CHARS + 1 }))).toBe('too-long');
    expect(highlightDecision(block({ chars: HIGHLIGHT_MAX_CHARS }))).toBe('highlight');
  });
});
