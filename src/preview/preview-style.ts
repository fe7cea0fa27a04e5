/**
 * The screen look of the laid-out report, added to its head in the preview only: each page box
 * drawn as an A4 sheet (the @page margins become padding, outside the box the pagination measured),
 * page numbers at the top from page 2 as in the PDF, and a short highlight on changed paragraphs.
 * Nothing here changes a page box's content size, so the pages are the PDF's pages.
 */
export const PREVIEW_CSS = `
@media screen {
  html { background: #8d9196; }
  body { background: transparent; }
  #pages { counter-reset: trang; padding: 6mm 0; }
  .page {
    counter-increment: trang;
    box-sizing: content-box;
    padding: 20mm 15mm 20mm 30mm;
    margin: 0 auto 6mm;
    background: #fff;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35);
    position: relative;
  }
  .page + .page::before {
    content: counter(trang);
    position: absolute;
    top: 8mm;
    left: 0;
    right: 0;
    text-align: center;
    font-size: 14pt;
  }
  .xem-doi { animation: xem-doi 2.5s ease-out; }
  @keyframes xem-doi { from { background-color: #ffe680; } to { background-color: transparent; } }
}
`;
