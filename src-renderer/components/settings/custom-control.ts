// What a custom control (control type 'custom' in the settings table, a component in ./custom/) is given:
// its props; and, as context, the model list, the pane's whole form (a control may read another setting: the
// tool choice lists the declared functions) and, from the app, what main holds of MCP headers.
import { createContext } from 'svelte';
import type { ModelInfo } from '../../../src-shared/domain';
import type { SettingRow } from '../../../src-shared/settings/table';
import type { McpHeadersState } from '../../lib/state/mcp-headers.svelte';
import type { PaneSettings } from '../../lib/state/pane.svelte';
import type { ModelsNote } from '../../lib/state/models.svelte';

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
  readonly note: ModelsNote | undefined;
  readonly loading: boolean;
  reload(): void;
}

export const [getModelsView, setModelsView] = createContext<ModelsView>();

/** The pane's form, to read other settings from; a control writes only its own `value`. */
export interface PaneForm {
  readonly settings: PaneSettings;
}

export const [getPaneForm, setPaneForm] = createContext<PaneForm>();

/** Absent where no app is connected to main: header values then cannot be stored. */
export const [getMcpHeaders, setMcpHeaders, hasMcpHeaders] = createContext<McpHeadersState>();
