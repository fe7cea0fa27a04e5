/**
 * Builds the Word template of every type declared in templates/loai/ (templates/word/<mau>.docx:
 * bao-cao.docx, ke-hoach.docx, to-trinh.docx …) from the parts in this folder, and templates/html/look.css (the same look.ts as CSS custom properties). Build-time code: it is not in dist/ and the renderer never imports it.
 * Run it (and commit the result) after changing a part:
 *
 *   npm run templates            # = tsc -p tsconfig.tools.json && node dist-tools/tools/word-templates/build-templates.js
 *
 * `test/word-templates.test.ts` fails while the committed .docx differ from what this builds
 * (`UPDATE=1 npx vitest run test/word-templates.test.ts` rewrites them). The outputs are
 * reproducible (fixed entry dates). The .docx files are what the renderer reads: a user may
 * restyle them in Word or LibreOffice and the renderer follows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';
import { templateFileName, type DocumentTypeInfo } from '../../src/core/document-types.js';
import { readDeclaredTypes } from '../../src/load/load-document-types.js';
import { separatorFootnotesXml } from '../../src/render/docx/footnote-separators.js';
import { coreXml, writePackage } from '../../src/render/docx/package.js';
import { repoRoot } from '../repo-root.js';
import { documentXml } from './document-xml.js';
import { LOOK_CSS_FILE, lookCss } from './look-css.js';
import {
  appXml,
  contentTypesXml,
  documentRelsXml,
  emptyHeaderXml,
  fontTableXml,
  packageRelsXml,
  pageNumberHeaderXml,
  settingsXml,
} from './package-xml.js';
import { stylesXml } from './styles-xml.js';

/** The decree's date, 05/3/2020: the templates' fixed timestamp. */
const TEMPLATE_INSTANT = new Date(Date.UTC(2020, 2, 5));

/** The template's own title: "Mẫu báo cáo (Nghị định 30/2020/NĐ-CP, Mẫu 1.4)"; công văn Mẫu 1.5; quyết định Mẫu 1.3. */
function templateTitle(type: DocumentTypeInfo): string {
  const name = type.typeName ? type.typeName.toLocaleLowerCase('vi-VN') : 'văn bản không có tên loại';
  const sample = type.grounds ? 'Mẫu 1.3' : type.typeName ? 'Mẫu 1.4' : 'Mẫu 1.5';
  return `Mẫu ${name} (Nghị định 30/2020/NĐ-CP, ${sample})`;
}

/** The repository's templates/word folder: where the templates are committed. */
export const WORD_TEMPLATES_DIR = join(repoRoot(), 'templates', 'word');

/** The types the repository declares (templates/loai/), whether or not their templates are built yet. */
export function declaredTypes(): DocumentTypeInfo[] {
  return readDeclaredTypes(join(repoRoot(), 'templates'));
}

/** The parts of one template, in package order. */
export function templateParts(type: DocumentTypeInfo): [name: string, xml: string][] {
  return [
    ['[Content_Types].xml', contentTypesXml()],
    ['_rels/.rels', packageRelsXml()],
    ['docProps/core.xml', coreXml(templateTitle(type), TEMPLATE_INSTANT)],
    ['docProps/app.xml', appXml()],
    ['word/document.xml', documentXml(type)],
    ['word/_rels/document.xml.rels', documentRelsXml()],
    ['word/styles.xml', stylesXml()],
    ['word/settings.xml', settingsXml()],
    ['word/fontTable.xml', fontTableXml()],
    ['word/footnotes.xml', separatorFootnotesXml()],
    ['word/header1.xml', pageNumberHeaderXml()],
    ['word/header2.xml', emptyHeaderXml()],
  ];
}

export function buildTemplate(type: DocumentTypeInfo): Uint8Array {
  const zip = new PizZip();
  for (const [name, xml] of templateParts(type)) zip.file(name, xml, { date: TEMPLATE_INSTANT });
  return writePackage(zip, TEMPLATE_INSTANT);
}

export function buildTemplates(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const built = new Set<string>();
  return declaredTypes().flatMap((type) => {
    if (built.has(type.template)) return [];
    built.add(type.template);
    const path = join(outDir, templateFileName(type, '.docx'));
    writeFileSync(path, buildTemplate(type));
    return [path];
  });
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  for (const path of buildTemplates(process.argv[2] ?? WORD_TEMPLATES_DIR)) console.log(path);
  writeFileSync(LOOK_CSS_FILE, lookCss());
  console.log(LOOK_CSS_FILE);
}
