// Shared settings of the tests that run exported scripts.

/** Processes at once: two cores are shared with the rest of the suite. */
export const BATCH = 3;
