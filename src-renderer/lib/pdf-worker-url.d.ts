// Vite's `?url` import: the file is copied to the build's assets and its URL (on the app's own origin) imported.
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
