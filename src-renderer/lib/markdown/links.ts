// Which links model output may open; kept apart from the sanitizer so the view can check clicks without
// loading DOMPurify and marked, which arrive after the first paint (load.ts).

/** Links that may be opened (in the system browser, by main); everything else loses its href. */
export const SAFE_LINK = /^(?:https?:|mailto:)/i;
