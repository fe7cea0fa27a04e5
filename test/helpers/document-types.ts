/** The document types the package's templates folder declares (templates/loai/), for tests. */
import path from 'node:path';
import type { DocumentTypeInfo, DocumentTypes } from '../../src/core/document-types.js';
import { loadDocumentTypes } from '../../src/load/load-document-types.js';
import { openTemplates, type Templates } from '../../src/render/open-templates.js';

export const TEMPLATES_DIR = path.join(import.meta.dirname, '..', '..', 'templates');

/** Every shipped type, or only those named (a scratch folder holding only their templates). */
export function shippedTypes(...names: string[]): DocumentTypes {
  const { types } = loadDocumentTypes(TEMPLATES_DIR);
  if (names.length === 0) return types;
  return { folder: types.folder, byName: new Map([...types.byName].filter(([name]) => names.includes(name))) };
}

export function shippedType(name: string): DocumentTypeInfo {
  const type = shippedTypes().byName.get(name);
  if (!type) throw new Error(`no shipped type ${name}`);
  return type;
}

/** The package's templates folder, opened (as a run opens its `--templates`). */
export function shippedTemplates(): Templates {
  return openTemplates(TEMPLATES_DIR);
}
