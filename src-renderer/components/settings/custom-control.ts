// What a custom control (control type 'custom' in the settings table, a component in ./custom/) is given:
// its props, and the model list, which the form passes down as context.
import { createContext } from 'svelte';
import type { ModelInfo } from '../../../src-shared/domain';
import type { SettingRow } from '../../../src-shared/settings/table';

/** `value` is the form's value for the row (bindable): text as typed, '' for unset, as the form keeps it. */
export interface CustomControlProps<V = unknown> {
  /** For the control's own label to point at; `${id}-error` names its error line. */
  id: string;
  row: SettingRow;
  value: V;
  error: string | undefined;
  /** Offered when the panes disagree on this setting. */
  onApplyAll?: (() => void) | undefined;
}

/** The models to pick from and how the list was loaded, for the model picker. */
export interface ModelsView {
  readonly models: readonly ModelInfo[];
  readonly note: string | undefined;
  readonly loading: boolean;
  reload(): void;
}

export const [getModelsView, setModelsView] = createContext<ModelsView>();
