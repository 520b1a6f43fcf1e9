// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { arrowKeys, arrowStep } from './arrow-step';

const OPTIONS = ['python', 'javascript', 'rest'] as const;
type Option = (typeof OPTIONS)[number];

function press(key: string) {
  const event = { key, prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

describe('arrowStep', () => {
  it('moves right and left, wrapping at both ends, and takes the key', () => {
    const right = press('ArrowRight');
    expect(arrowStep(right, OPTIONS, 'javascript')).toBe('rest');
    expect(right.prevented).toBe(true);
    expect(arrowStep(press('ArrowRight'), OPTIONS, 'rest')).toBe('python');
    expect(arrowStep(press('ArrowLeft'), OPTIONS, 'javascript')).toBe('python');
    expect(arrowStep(press('ArrowLeft'), OPTIONS, 'python')).toBe('rest');
  });

  it('leaves other keys to the page', () => {
    const tab = press('Tab');
    expect(arrowStep(tab, OPTIONS, 'python')).toBeUndefined();
    expect(tab.prevented).toBe(false);
  });
});

describe('arrowKeys', () => {
  it('chooses the next option and focuses its element', () => {
    document.body.innerHTML = OPTIONS.map((o) => `<button id="tab-${o}">${o}</button>`).join('');
    let chosen: Option = 'python';
    const onkeydown = arrowKeys(OPTIONS, () => chosen, (o) => (chosen = o), (o) => `tab-${o}`);
    onkeydown(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    expect(chosen).toBe('rest');
    expect(document.activeElement?.id).toBe('tab-rest');
    onkeydown(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(chosen).toBe('rest');
  });
});
