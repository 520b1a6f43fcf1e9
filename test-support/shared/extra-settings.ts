// Two hypothetical rows of the pane settings table — an integer in generation_config and a choice at the request's
// top level — that tests append to PANE_SETTINGS to show that a new setting needs nothing but its row.
export const EXTRA_SETTING_ROWS = [
  {
    key: 'topK',
    label: 'Top K',
    group: 'more',
    kind: { type: 'integer', min: 1, max: 100 },
    wire: { in: 'generation_config', name: 'top_k' },
    control: { type: 'number' },
    testid: 'top-k',
  },
  {
    key: 'serviceTier',
    label: 'Service tier',
    group: 'more',
    kind: { type: 'choice', options: ['flex', 'standard', 'priority'] },
    wire: { in: 'request', name: 'service_tier' },
    control: { type: 'select' },
    testid: 'service-tier',
  },
] as const;
