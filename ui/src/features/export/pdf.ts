// pdf.js behind a small interface, loaded on first use (its own chunk: the app starts without it). The worker is
// a bundled file of the app ('self' under the CSP); eval is off; nothing is fetched from a URL.
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

/** How large a page is drawn: to a width in CSS pixels (fit width), or at a scale of its printed size (1 = 100 %). */
export type Zoom = { fitWidth: number } | { scale: number };

/** CSS pixels per PDF point at 100 %: a point is 1/72 inch, a CSS pixel 1/96 inch. */
export const PX_PER_PT = 96 / 72;

export interface PdfDocument {
  readonly pages: number;
  /** Draws page `number` (1-based) into `canvas` at `zoom`. */
  render(number: number, canvas: HTMLCanvasElement, zoom: Zoom): Promise<void>;
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
    async render(number, canvas, zoom) {
      const page = await doc.getPage(number);
      const unit = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const cssScale = "fitWidth" in zoom ? zoom.fitWidth / unit.width : zoom.scale * PX_PER_PT;
      const viewport = page.getViewport({ scale: cssScale * ratio });
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
