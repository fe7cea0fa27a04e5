/**
 * Builds the Word templates templates/word/bao-cao.docx and templates/word/ke-hoach.docx from the
 * shared parts in ./template/. Run once (and again after changing a part):
 *
 *   npx tsc -p tsconfig.build.json && node dist/render/docx/build-templates.js [out-dir]
 *
 * The outputs are reproducible (fixed entry dates). After this, the .docx files are the source of
 * the look: a user may restyle them in Word or LibreOffice and the renderer follows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';
import type { DocumentType } from '../../validate/schema.js';
import { coreXml, writePackage } from './package.js';
import { DOCX_TEMPLATE_FILES } from './render-docx.js';
import { documentXml, type TemplateKind } from './template/document-xml.js';
import {
  appXml,
  contentTypesXml,
  documentRelsXml,
  emptyHeaderXml,
  fontTableXml,
  footnotesXml,
  packageRelsXml,
  pageNumberHeaderXml,
  settingsXml,
} from './template/package-xml.js';
import { stylesXml } from './template/styles-xml.js';

/** Which template each document type gets; the file names are the renderer's. */
const KINDS: Record<DocumentType, TemplateKind> = { bao_cao: 'bao-cao', ke_hoach: 'ke-hoach' };

/** The decree's date, 05/3/2020: the templates' fixed timestamp. */
const TEMPLATE_INSTANT = new Date(Date.UTC(2020, 2, 5));

const TITLES: Record<TemplateKind, string> = {
  'bao-cao': 'Mẫu báo cáo (Nghị định 30/2020/NĐ-CP, Mẫu 1.4)',
  'ke-hoach': 'Mẫu kế hoạch (Nghị định 30/2020/NĐ-CP, Mẫu 1.4)',
};

export function buildTemplate(kind: TemplateKind): Uint8Array {
  const zip = new PizZip();
  const parts: [string, string][] = [
    ['[Content_Types].xml', contentTypesXml()],
    ['_rels/.rels', packageRelsXml()],
    ['docProps/core.xml', coreXml(TITLES[kind], TEMPLATE_INSTANT)],
    ['docProps/app.xml', appXml()],
    ['word/document.xml', documentXml(kind)],
    ['word/_rels/document.xml.rels', documentRelsXml()],
    ['word/styles.xml', stylesXml()],
    ['word/settings.xml', settingsXml()],
    ['word/fontTable.xml', fontTableXml()],
    ['word/footnotes.xml', footnotesXml()],
    ['word/header1.xml', pageNumberHeaderXml()],
    ['word/header2.xml', emptyHeaderXml()],
  ];
  for (const [name, xml] of parts) zip.file(name, xml, { date: TEMPLATE_INSTANT });
  return writePackage(zip, TEMPLATE_INSTANT);
}

export function buildTemplates(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return (Object.keys(KINDS) as DocumentType[]).map((type) => {
    const path = join(outDir, DOCX_TEMPLATE_FILES[type]);
    writeFileSync(path, buildTemplate(KINDS[type]));
    return path;
  });
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // dist/render/docx/build-templates.js → <package>/templates/word
  const outDir = process.argv[2] ?? fileURLToPath(new URL('../../../templates/word/', import.meta.url));
  for (const path of buildTemplates(outDir)) console.log(path);
}
