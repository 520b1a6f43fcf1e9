// bash as a ScriptDialect for the loops of sweeps and repeats, and how it holds a sweep's values: arrays of words or JSON text.
import type { CodeWriter } from './code-writer';
import type { ScriptDialect } from './dialect';
import { commentText, jsonString, numberLiteral, shellSingleQuoted, shellWord } from './literals';
import type { SweepAxis, SweptSetting } from './sweep-plan';
import type { JsonContext } from './curl';
import type { SweepVars } from './request-literal';
import { AXIS_NAMES, SYSTEM_NAME, sweepVars } from './sweep-loops';
import { bare, raw } from './syntax';

/** bash has no maps: a mapping is two arrays, its values in `mapping` and its keys in `<key>_names`. */
const keysOf = (key: string): string => `${key}_names`;

export const BASH: ScriptDialect = {
  indent: '  ',
  comment: (text) => `# ${commentText(text)}`,
  identifier: (snake) => snake,
  declaration: (name) => ({ prefix: `${name}=`, suffix: '' }),
  forEach: (item, values) => ({ open: `for ${item} in "\${${values}[@]}"; do`, close: 'done' }),
  forEachEntry: (key, value, mapping) => ({
    open: `for i in "\${!${mapping}[@]}"; do`,
    first: [`${key}=\${${keysOf(key)}[i]}`, `${value}=\${${mapping}[i]}`],
    close: 'done',
  }),
  countTo: (counter, limit) => ({ open: `for ${counter} in $(seq 1 "$${limit}"); do`, close: 'done' }),
  printTemplate: (template) => `echo "${template.map((part) => (typeof part === 'string' ? part : `$${part.code}`)).join('')}"`,
};

/** A value that reads the same as a shell word and inside a JSON string, so it can be spliced in bare. */
const PLAIN = /^[A-Za-z0-9._:/@+-]+$/;

/** Model names are plain words, unless one is not: then every model is held as its JSON string. */
const modelsAsJson = (axis: SweepAxis): boolean => axis.setting === 'model' && !axis.values.every((model) => PLAIN.test(model));

/**
 * The arrays of values. System instructions are held as the whole JSON member each adds to the body, already
 * JSON-escaped (a shell variable cannot hold every character, NUL for one), and '' for "no system".
 */
export function declareAxis(w: CodeWriter, axis: SweepAxis): void {
  const { values } = AXIS_NAMES[axis.setting];
  const json = (text: string): string => `'${shellSingleQuoted(text)}'`;
  switch (axis.setting) {
    case 'model':
      w.line(`${values}=(${axis.values.map((m) => (modelsAsJson(axis) ? json(jsonString(m)) : shellWord(m))).join(' ')})`);
      return;
    case 'temperature':
      w.line(`${values}=(${axis.values.map(numberLiteral).join(' ')})`);
      return;
    case 'thinkingLevel':
      w.line(`${values}=(${axis.values.map(shellWord).join(' ')})`);
      return;
    case 'systemInstruction':
      w.line(BASH.comment('Each adds its "system_instruction" member to the body; the empty one ("no system") adds none'));
      w.line(`${keysOf(SYSTEM_NAME)}=(${axis.values.map((v) => shellWord(v.name)).join(' ')})`);
      w.line(`${values}=(`);
      w.indented(() => {
        for (const v of axis.values) w.line(v.text === undefined ? "''" : json(`"system_instruction": ${jsonString(v.text)},`));
      });
      w.line(')');
  }
}

/** The loop variables spliced into a JSON body: numbers and JSON-held models as JSON text, other words inside a JSON string. */
export function loopVars(axes: readonly SweepAxis[], ctx: JsonContext): SweepVars {
  const models = axes.find((axis) => axis.setting === 'model');
  const jsonValued = (setting: SweptSetting): boolean => setting === 'temperature' || (setting === 'model' && models !== undefined && modelsAsJson(models));
  return sweepVars(
    axes,
    (setting) => raw(jsonValued(setting) ? ctx.jsonVar(AXIS_NAMES[setting].item) : ctx.stringVar(AXIS_NAMES[setting].item)),
    // The variable holds the whole member, or nothing for "no system".
    () => bare(ctx.jsonVar(AXIS_NAMES.systemInstruction.item)),
  );
}
