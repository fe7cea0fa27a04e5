/**
 * Well-formedness of XML, checked by a real, strict XML parser (Python's expat, as Word and
 * LibreOffice are strict): a part that a parser rejects is a document a client cannot open.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import PizZip from 'pizzip';

const CHECK = `
import sys, xml.parsers.expat
for path in sys.argv[1:]:
    p = xml.parsers.expat.ParserCreate()
    try:
        with open(path, 'rb') as f:
            p.Parse(f.read(), True)
    except xml.parsers.expat.ExpatError as e:
        print(path + '\\t' + str(e))
`;

/**
 * The first python3 on the PATH that is not a pyenv shim: a shim is a bash script that runs a dozen
 * more to pick a version (~0.35 CPU-s a call against ~0.05 s); any python3 has expat.
 */
function python(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir.includes(`${join('.pyenv', 'shims')}`)) continue;
    try {
      accessSync(join(dir, 'python3'), constants.X_OK);
      return join(dir, 'python3');
    } catch {
      // not here
    }
  }
  return 'python3';
}

/** The problems of the XML files given (name → bytes): "name: expat's message" for each bad one. */
export function xmlProblems(files: Readonly<Record<string, Uint8Array>>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'baocao-xml-check-'));
  try {
    const paths = new Map<string, string>();
    Object.entries(files).forEach(([name, bytes], i) => {
      const path = join(dir, `${i}.xml`);
      writeFileSync(path, bytes);
      paths.set(path, name);
    });
    if (paths.size === 0) return [];
    const out = execFileSync(python(), ['-c', CHECK, ...paths.keys()], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [path, message] = line.split('\t');
        return `${paths.get(path ?? '') ?? path}: ${message}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every XML part of a .docx (`.xml` and `.rels` entries), as stored bytes. */
export function docxXmlParts(docx: Uint8Array): Record<string, Uint8Array> {
  const zip = new PizZip(docx);
  const parts: Record<string, Uint8Array> = {};
  for (const name of Object.keys(zip.files)) {
    const file = zip.file(name);
    if (file && /\.(xml|rels)$/.test(name)) parts[name] = file.asUint8Array();
  }
  return parts;
}

/** The problems of every XML part of a .docx (empty when all are well-formed). */
export function docxXmlProblems(docx: Uint8Array): string[] {
  return xmlProblems(docxXmlParts(docx));
}
