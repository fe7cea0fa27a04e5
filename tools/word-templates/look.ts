/**
 * The look of the Word templates, in one place: every measure the decree leaves as a range is
 * decided here (Nghị định 30/2020/NĐ-CP, Phụ lục I; see ../../../shared/nd30.md).
 * Only the template builder reads this file; the renderer never names a size or a font.
 * It is also the print CSS's source: look-css.ts writes the shared measures to
 * templates/html/look.css (custom properties that print.css reads), so DOCX and PDF cannot drift.
 *
 * Units: twips (1/20 pt; 1 cm = 567) for lengths, half-points for font sizes (28 = 14 pt).
 */
export const look = {
  font: 'Times New Roman',
  language: 'vi-VN',

  /** A4 portrait; margins inside the decree's ranges (top/bottom 20–25 mm, left 30–35, right 15–20). */
  page: {
    width: 11906,
    height: 16838,
    marginTop: 1134, // 20 mm
    marginBottom: 1134, // 20 mm
    marginLeft: 1701, // 30 mm
    marginRight: 851, // 15 mm
    header: 567, // page number 10 mm from the top edge, inside the top margin
    footer: 567,
  },

  /** Running text: 14 pt, justified, first line 1.27 cm, 6 pt between paragraphs, line 1.15. */
  body: {
    size: 28,
    firstLine: 720,
    before: 120,
    line: 276, // 240 = single … 360 = 1.5 lines
  },

  /** Header table: about 6.75 cm | 10 cm as in the official sample (Phụ lục III, Mẫu 1.4). */
  headerTable: {
    leftWidth: 3829,
    rightWidth: 5670,
    indent: -199,
    cellMargin: 85,
  },
  /** Header sizes: Quốc hiệu and agencies 13 pt, Tiêu ngữ and date 14 pt, Số 13 pt. */
  header: {
    agencySize: 26,
    nationalTitleSize: 26,
    mottoSize: 28,
    numberSize: 26,
    placeDateSize: 28,
    /** Space above the Số / date row. */
    numberRowBefore: 120,
  },

  /**
   * Rule lines are empty paragraphs whose bottom border is narrowed by equal left/right indents,
   * so the line has an exact, renderer-independent length and stays centred.
   */
  rules: {
    weight: 6, // eighths of a point: 0.75 pt
    height: 120, // exact height of the empty rule paragraph (6 pt): the rule sits this far below the text
    /** Under the agency name: 1/3–1/2 of a usual agency line ("ỦY BAN NHÂN DÂN" is 2445 twips at 13 pt bold). */
    agencyLength: 1000,
    /** Under the Tiêu ngữ: exactly as long as "Độc lập - Tự do - Hạnh phúc" at 14 pt bold (measured: 171.2 pt). */
    mottoLength: 3424,
    /** Under the trích yếu: 1/3–1/2 of a one-line summary of 10–15 cm. */
    summaryLength: 2835,
    /** Space between the title block's rule and what follows (Kính gửi or the body). */
    summaryAfter: 240,
  },

  /** Title block: type name and trích yếu 14 pt bold; issued-with line italic. */
  title: {
    size: 28,
    before: 360, // space between the header table and the type name
  },

  kinhGui: {
    before: 120,
    /** Space after the last Kính gửi line (lines of one style keep no space between them). */
    after: 120,
    /** Several addressees: "Kính gửi:" indent and the list indent (Mẫu 1.5). */
    labelIndent: 1985,
    linesIndent: 2835,
  },

  /** Nơi nhận 12 pt bold italic, its lines 11 pt; signature 14 pt bold, centred in its column. */
  closing: {
    /** Signature column centred under the header's right column. */
    leftWidth: 3576,
    rightWidth: 5778,
    before: 240,
    labelSize: 24,
    lineSize: 22,
    signatureSize: 28,
    /** Room for the signature and the seal above the signer's name. */
    nameBefore: 1800,
  },

  footnote: {
    size: 24, // body − 2 pt
  },

  pageNumber: {
    size: 28,
  },
} as const;
