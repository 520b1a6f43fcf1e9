// Ambient types for main: import.meta.env, which electron-vite replaces when it builds the main bundle.
/// <reference types="vite/types/importMeta.d.ts" />
