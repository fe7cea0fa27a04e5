/**
 * LibreOffice accepting or rejecting every tracked change of a Word file, as a reviewer clicks
 * "Accept All" / "Reject All", then saving the result as plain text: a Basic macro in a private
 * profile (the profile is made by a first run, then the macro is put in its Standard library),
 * run headless with `macro:///`. The text is LibreOffice's own Text filter (UTF-8, one line a paragraph,
 * a table's cells one a line).
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exec } from './tools.js';

const MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Revisions" script:language="StarBasic">
Sub Resolve(inPath As String, outPath As String, how As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  Dim none() As New com.sun.star.beans.PropertyValue
  If how = &quot;accept&quot; Then
    helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, none())
  Else
    helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, none())
  End If
  Dim save(1) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = &quot;Text (encoded)&quot;
  save(1).Name = &quot;FilterOptions&quot;
  save(1).Value = &quot;UTF8,LF&quot;
  doc.storeToURL(ConvertToURL(outPath), save())
  doc.close(True)
End Sub
</script:module>
`;

const LIBRARY = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Revisions"/>
</library:library>
`;

export interface RevisionResolver {
  /** The document's text after LibreOffice accepted (or rejected) every tracked change. */
  text(file: string, how: 'accept' | 'reject'): Promise<string>;
  /** The document's text as LibreOffice reads it, tracked changes shown as they are (for a file without any). */
  plain(file: string): Promise<string>;
}

export async function libreOfficeRevisions(): Promise<RevisionResolver> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'baocao-lo-rev-'));
  const profile = path.join(root, 'profile');
  const soffice = (args: string[]) => exec('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], { timeout: 180_000 });
  // a first run makes the profile; the macro then goes into its Standard library
  await soffice(['--terminate_after_init']);
  const library = path.join(profile, 'user', 'basic', 'Standard');
  await mkdir(library, { recursive: true });
  await writeFile(path.join(library, 'Revisions.xba'), MODULE);
  await writeFile(path.join(library, 'script.xlb'), LIBRARY);
  let n = 0;
  const text = async (file: string, how: 'accept' | 'reject') => {
    const out = path.join(root, `${n++}-${how}.txt`);
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await soffice([`macro:///Standard.Revisions.Resolve(${quote(path.resolve(file))},${quote(out)},${quote(how)})`]);
    return (await readFile(out, 'utf8')).replace(/^\uFEFF/, '');
  };
  return {
    text,
    // accepting changes in a file that has none leaves it as it is
    plain: (file) => text(file, 'accept'),
  };
}
