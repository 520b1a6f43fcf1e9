// The tool choice control's value: the form's JSON text ⇄ { mode, tools }.
import { STRUCTURED, TOOL_CHOICE_MODES, type ToolChoice, type ToolChoiceMode } from '../../../src-shared/settings/structured';

export { TOOL_CHOICE_MODES, type ToolChoice, type ToolChoiceMode };

/** What the text says, as far as it can be read; the setting's parse reports anything else. */
export function readToolChoice(text: string): ToolChoice {
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const { mode, tools } = raw as Record<string, unknown>;
  const choice: ToolChoice = {};
  if ((TOOL_CHOICE_MODES as readonly unknown[]).includes(mode)) choice.mode = mode as ToolChoiceMode;
  if (Array.isArray(tools)) choice.tools = tools.filter((t): t is string => typeof t === 'string');
  return choice;
}

export function writeToolChoice(choice: ToolChoice): string {
  const clean: ToolChoice = {};
  if (choice.mode) clean.mode = choice.mode;
  if (choice.tools?.length) clean.tools = [...choice.tools];
  return STRUCTURED.toolChoice.format(clean);
}

/** The choice with `name` allowed or not; the list keeps the order names were ticked in. */
export function withTool(choice: ToolChoice, name: string, allowed: boolean): ToolChoice {
  const tools = (choice.tools ?? []).filter((t) => t !== name);
  if (allowed) tools.push(name);
  return { ...choice, tools };
}

/** The names to offer: the declared functions, then any still in the choice but no longer declared. */
export function offeredTools(choice: ToolChoice, declared: readonly string[]): { name: string; declared: boolean }[] {
  const stale = (choice.tools ?? []).filter((t) => !declared.includes(t));
  return [...declared.map((name) => ({ name, declared: true })), ...stale.map((name) => ({ name, declared: false }))];
}
