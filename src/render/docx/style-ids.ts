/**
 * The paragraph and character style ids that code refers to. The templates define these styles
 * (and own how they look); code only names them. `loadDocxTemplates` checks that a template
 * still defines every one of them, so a restyled template that lost a style is reported.
 */
import type { BlockStyle } from '../../compute/model.js';

/** Body block style → Word paragraph style id. Built-in ids where Word has one (outline levels, localised names). */
export const blockStyleIds = {
  heading1: 'Heading1',
  heading2: 'Heading2',
  heading3: 'Heading3',
  body: 'BodyText',
  bullet: 'GachDauDong',
} as const satisfies Record<BlockStyle, string>;

export const footnoteTextStyleId = 'FootnoteText';
export const footnoteReferenceStyleId = 'FootnoteReference';

/** Every style id the renderer writes into generated XML. */
export const styleIdsUsedByCode: readonly string[] = [
  ...Object.values(blockStyleIds),
  footnoteTextStyleId,
  footnoteReferenceStyleId,
];
