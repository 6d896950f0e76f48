// pdf.js behind a small interface, loaded on first use (its own chunk: the app starts without it). The worker is
// a bundled file of the app ('self' under the CSP); eval is off; nothing is fetched from a URL.
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

export interface PdfDocument {
  readonly pages: number;
  /** Draws page `number` (1-based) into `canvas`, `width` CSS pixels wide. */
  render(number: number, canvas: HTMLCanvasElement, width: number): Promise<void>;
  destroy(): Promise<void>;
}

export async function loadPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await import("pdfjs-dist");
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  // pdf.js takes ownership of the buffer it is given: pass a copy so the caller's bytes stay usable.
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, enableXfa: false, stopAtErrors: false });
  const doc = await task.promise;
  return {
    pages: doc.numPages,
    async render(number, canvas, width) {
      const page = await doc.getPage(number);
      const unit = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (width / unit.width) * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
    },
    destroy: () => task.destroy(),
  };
}
