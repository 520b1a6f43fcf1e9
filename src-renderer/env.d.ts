// Ambient types for the renderer: Svelte runes ($state, $derived…) and .svelte module imports.
/// <reference types="svelte" />
