// Patterns a regex assertion refuses to run (issue 17): JavaScript's engine backtracks, has no timeout, and runs on
// the thread that draws the window, so a pattern that repeats a group which can itself match in more than one way
// (`^(\w+\s?)*$`) takes time doubling with every character of an answer it fails on: fifty characters freeze the
// app. That needs a repeated group holding a quantifier of its own, or a choice whose branches can match the same
// text; both are found here by reading the pattern, before it ever runs. Pure.

interface Frame {
  /** A quantifier that varies how much it takes (`*`, `+`, `?`, `{1,3}`) somewhere inside, nested groups included. */
  varies: boolean;
  /** A `|` at the group's own level. */
  choice: boolean;
  /** The group's own branches as literal text, or undefined once one is more than literal text. */
  branches: string[] | undefined;
}

const LITERAL = /^[^\\^$.|?*+()[\]{}]*$/;
const COUNTED = /^\{(\d+)(,(\d*))?\}/;

/**
 * Why running `pattern` could take exponential time on some answer, in words for the assertions editor and for the
 * check's reason; undefined when it cannot. Polynomial cases (`.*a.*b` on a long answer) are bounded by how much
 * of an answer is searched (REGEX_INPUT_LIMIT), not here.
 */
export function regexHazard(pattern: string, flags = ''): string | undefined {
  const stack: Frame[] = [{ varies: false, choice: false, branches: [''] }];
  // The atom a quantifier would apply to: a group just closed (with what it held), or anything else.
  let last: { group?: Frame } | undefined;
  let i = 0;
  const top = () => stack[stack.length - 1]!;
  const notLiteral = () => (top().branches = undefined);
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const end = escapeEnd(pattern, i);
      const letter = pattern[i + 1] ?? '';
      const branches = top().branches;
      // An escaped punctuation character is literal text; \d, \w, \p{L} and the like are classes.
      if (branches && /^[\\^$.|?*+()[\]{}/-]$/.test(letter)) branches[branches.length - 1] += letter;
      else notLiteral();
      last = {};
      i = end;
      continue;
    }
    if (c === '[') {
      notLiteral();
      last = {};
      i = classEnd(pattern, i, flags.includes('v'));
      continue;
    }
    if (c === '(') {
      notLiteral();
      stack.push({ varies: false, choice: false, branches: [''] });
      i += groupPrefix(pattern, i);
      last = undefined;
      continue;
    }
    if (c === ')' && stack.length > 1) {
      const group = stack.pop()!;
      if (group.varies) top().varies = true;
      last = { group };
      i += 1;
      continue;
    }
    if (c === '|') {
      top().choice = true;
      top().branches?.push('');
      last = undefined;
      i += 1;
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier && last) {
      const hazard = last.group && quantifier.repeats ? groupHazard(last.group, flags.includes('i')) : undefined;
      if (hazard) return hazard;
      if (quantifier.varies) top().varies = true;
      notLiteral();
      last = undefined;
      i += quantifier.length;
      continue;
    }
    const branches = top().branches;
    if (branches && LITERAL.test(c)) branches[branches.length - 1] += c;
    else notLiteral();
    last = {};
    i += 1;
  }
  return undefined;
}

function groupHazard(group: Frame, anyCase: boolean): string | undefined {
  if (group.varies) {
    return 'A repeated group holds a repeat of its own, as in (\\w+\\s?)*: on some answers it could run for minutes and freeze the app. Repeat one level only, as in [\\w\\s]*.';
  }
  if (group.choice && (!group.branches || ambiguous(anyCase ? group.branches.map((b) => b.toLowerCase()) : group.branches))) {
    return 'A repeated group chooses between branches that can match the same text, as in (a|\\w)+: on some answers it could run for minutes and freeze the app. Repeat a character class instead, as in [a\\w]+, or plain words, as in (cat|dog)+.';
  }
  return undefined;
}

/** Literal branches of which one starts another (or is empty) can split the same text in more than one way. */
function ambiguous(branches: readonly string[]): boolean {
  return branches.some((a, i) => a === '' || branches.some((b, j) => i !== j && b.startsWith(a)));
}

/** The quantifier at `i`: its length (a lazy or possessive `?` included), whether it repeats and whether it varies. */
function readQuantifier(pattern: string, i: number): { length: number; repeats: boolean; varies: boolean } | undefined {
  const c = pattern[i];
  let length = 1;
  let min: number;
  let max: number;
  if (c === '*' || c === '+' || c === '?') {
    min = c === '+' ? 1 : 0;
    max = c === '?' ? 1 : Infinity;
  } else {
    const counted = c === '{' ? COUNTED.exec(pattern.slice(i)) : null;
    if (!counted) return undefined;
    length = counted[0].length;
    min = Number(counted[1]);
    max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3]);
  }
  if (pattern[i + length] === '?') length += 1;
  return { length, repeats: max > 1, varies: max > min };
}

/** Past the escape at `i`: `\p{…}`, `\u{…}` and `\k<…>` whole. */
function escapeEnd(pattern: string, i: number): number {
  const letter = pattern[i + 1];
  const open = pattern[i + 2];
  if ((letter === 'p' || letter === 'P' || letter === 'u') && open === '{') return closeAt(pattern, i + 3, '}');
  if (letter === 'k' && open === '<') return closeAt(pattern, i + 3, '>');
  return i + 2;
}

function closeAt(pattern: string, from: number, close: string): number {
  const at = pattern.indexOf(close, from);
  return at < 0 ? pattern.length : at + 1;
}

/** Past the character class opening at `i` (nested ones under the v flag). */
function classEnd(pattern: string, i: number, nested: boolean): number {
  let depth = 0;
  for (let j = i; j < pattern.length; j++) {
    const c = pattern[j];
    if (c === '\\') j++;
    else if (c === '[' && (depth === 0 || nested)) depth++;
    else if (c === ']' && --depth === 0) return j + 1;
  }
  return pattern.length;
}

/** The length of a group's opening: `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`, `(?i:`. */
function groupPrefix(pattern: string, i: number): number {
  if (pattern[i + 1] !== '?') return 1;
  const named = /^\(\?<[^=!>][^>]*>/.exec(pattern.slice(i));
  if (named) return named[0].length;
  const other = /^\(\?(<[=!]|[=!:]|[a-z-]+:)/.exec(pattern.slice(i));
  return other ? other[0].length : 2;
}
