// PDF previews: the page count and pages drawn on canvases by pdf.js. pdf.js is large, so it is imported the
// first time a PDF is shown (a chunk of its own: nobody who never attaches one loads it). Its worker is a
// file of the build, served from the app's own origin. The CSP forbids eval: pdf.js 6 has no eval path left
// (its `isEvalSupported` switch went with it), and e2e/media-inputs.spec.ts fails on any CSP violation while
// a PDF is drawn. The legacy build carries the polyfills (Map.getOrInsertComputed…) that Electron's Chromium
// may not have yet.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

type PdfJs = typeof import('pdfjs-dist');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let library: Promise<{ pdfjs: PdfJs; worker: InstanceType<PdfJs['PDFWorker']> }> | undefined;

/** pdf.js and one worker shared by every preview (a worker per document would start a thread each). */
function load() {
  library ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return { pdfjs, worker: new pdfjs.PDFWorker() };
  });
  return library;
}

/** An open PDF: how many pages it has, and a way to draw one. Close it when done. */
export interface OpenPdf {
  readonly pages: number;
  /** Draws page `n` (1-based) `cssWidth` CSS pixels wide, sharp on this screen. */
  draw(n: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
  close(): void;
}

/** Opens the PDF at `url` (a /blobs/<sha256> URL of the page's own origin). */
export async function openPdf(url: string): Promise<OpenPdf> {
  const { pdfjs, worker } = await load();
  const task = pdfjs.getDocument({ url, worker, enableXfa: false });
  const doc: PdfDocument = await task.promise;
  return {
    pages: doc.numPages,
    async draw(n, canvas, cssWidth) {
      const page = await doc.getPage(n);
      const unit = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (cssWidth / unit.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.aspectRatio = `${unit.width} / ${unit.height}`;
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
    },
    close() {
      void task.destroy();
    },
  };
}
