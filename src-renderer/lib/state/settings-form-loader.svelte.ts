// A pane's settings form is fetched once the first frame is painted, as a chunk of its own: it is built only after
// that frame anyway (first-frame.svelte.ts), and its code and style (about a tenth of the first script, a sixth of the
// first stylesheet) were otherwise read and compiled before the prompt box could show.
import type { Component, ComponentProps } from 'svelte';
import type PaneSettings from '../../components/PaneSettings.svelte';
import { afterFirstPaint } from './first-frame.svelte';

type Form = Component<ComponentProps<typeof PaneSettings>>;

export const settingsForm = $state<{ component: Form | undefined }>({ component: undefined });

afterFirstPaint(() => {
  void import('../../components/PaneSettings.svelte').then((module) => (settingsForm.component = module.default));
});
