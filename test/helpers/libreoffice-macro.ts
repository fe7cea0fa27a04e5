/**
 * LibreOffice, headless, one start for the whole test run (a start costs ~4.5 CPU-s) doing the job
 * lists of every test process: each job opens a
 * file, optionally accepts or rejects every tracked change as a reviewer clicks "Accept All" / "Reject All",
 * and stores a copy with a given filter (e.g. "Text (encoded)" UTF8,LF — one line a paragraph, a table's
 * cells one a line —, "MS Word 97" for .doc, "writer8" for .odt). A Basic macro in the Standard library of a
 * private profile, run with `macro:///`. The profile is written before the start (its Basic folder and a
 * registry saying the first-start set-up is done, so LibreOffice neither copies its presets over the macro
 * nor restarts itself): no start is spent making the profile.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface OfficeJob {
  file: string;
  out: string;
  /** LibreOffice's export filter name. */
  filter: string;
  filterOptions?: string;
  /** Accept or reject every tracked change before storing. */
  revisions?: 'accept' | 'reject';
}

const SEPARATOR = '|';

const MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Jobs" script:language="StarBasic">
Sub RunAll(list As String)
  fields = Split(list, &quot;${SEPARATOR}&quot;)
  For i = 0 To UBound(fields) Step 5
    RunOne(fields(i), fields(i + 1), fields(i + 2), fields(i + 3), fields(i + 4))
  Next i
End Sub

&apos; Stays running for the test run: runs each job list written to queue/job-ID (by any test process), then
&apos; writes queue/done-ID; stops when queue/stop appears or after a minute without work (test processes killed
&apos; with -9 leave nothing running).
&apos; Idle, it looks for a job every 20 ms for 2 s, then every 200 ms: each look costs CPU (every 20 ms, ~2.5 % of a core).
Sub Serve(queue As String)
  idle = 0
  Do
    job = Dir(queue &amp; &quot;/job-*&quot;)
    If job &lt;&gt; &quot;&quot; Then
      id = Mid(job, 5)
      n = FreeFile
      Open queue &amp; &quot;/&quot; &amp; job For Input As #n
      Line Input #n, list
      Close #n
      Kill queue &amp; &quot;/&quot; &amp; job
      RunAll(list)
      n = FreeFile
      Open queue &amp; &quot;/end-&quot; &amp; id For Output As #n
      Print #n, &quot;ok&quot;
      Close #n
      Name queue &amp; &quot;/end-&quot; &amp; id As queue &amp; &quot;/done-&quot; &amp; id
      idle = 0
    ElseIf FileExists(queue &amp; &quot;/stop&quot;) Or idle &gt; 390 Then
      If FileExists(queue &amp; &quot;/stop&quot;) Then Kill queue &amp; &quot;/stop&quot;
      Exit Do
    ElseIf idle &lt; 100 Then
      &apos; jobs come in bursts (a test file's lists one after another): looked for every 20 ms for 2 s …
      Wait 20
      idle = idle + 1
    Else
      &apos; … then every 200 ms, which costs LibreOffice a tenth of the CPU while it waits (58 s more)
      Wait 200
      idle = idle + 1
    End If
  Loop
End Sub

Sub RunOne(inPath As String, outPath As String, filter As String, options As String, revisions As String)
  On Error GoTo Failed
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  Dim none() As New com.sun.star.beans.PropertyValue
  If revisions = &quot;accept&quot; Then
    helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, none())
  ElseIf revisions = &quot;reject&quot; Then
    helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, none())
  End If
  Dim save(1) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot;
  save(0).Value = filter
  save(1).Name = &quot;FilterOptions&quot;
  save(1).Value = options
  doc.storeToURL(ConvertToURL(outPath), save())
  doc.close(True)
  Exit Sub
Failed:
  &apos; a headless error box would wait for ever: the error goes to a file beside the output, and the next job runs
  message = &quot;Basic error &quot; &amp; Err &amp; &quot; at line &quot; &amp; Erl &amp; &quot;: &quot; &amp; Error$
  On Error Resume Next
  doc.close(True)
  n = FreeFile
  Open outPath &amp; &quot;.error&quot; For Output As #n
  Print #n, message
  Close #n
End Sub
</script:module>
`;

const LIBRARY = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Jobs"/>
</library:library>
`;

/** The profile's list of Basic (or dialog) libraries: only Standard, stored in the profile. */
const container = (kind: 'script' | 'dialog') => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/${kind}.xlb/" xlink:type="simple" library:link="false"/>
</library:libraries>
`;

const DIALOGS = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false"/>
`;

/** A registry in which the first-start set-up is done (else LibreOffice replaces the Basic folder with its presets). */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`;

/** The test run's id (test/global-setup.ts): its teardown stops the LibreOffice of each of the run's processes. */
export const TEST_RUN_VARIABLE = 'BAOCAO_TEST_RUN';
export const PROFILE_PREFIX = 'baocao-lo-jobs-';

/**
 * Stops every LibreOffice started for test run `run` (a file `stop` in its queue folder, which it
 * removes as it stops) and removes their profiles; a profile whose LibreOffice does not answer
 * within 5 s is left (it stops by itself after a minute without work).
 */
export async function stopOfficeServers(run: string): Promise<void> {
  const profiles = readdirSync(os.tmpdir())
    .filter((name) => name.startsWith(`${PROFILE_PREFIX}${run}-`))
    .map((name) => path.join(os.tmpdir(), name));
  // Only a LibreOffice still running is asked (one that stopped on its own would never take the file).
  const servers = profiles.flatMap((profile) => {
    const pid = serverPid(profile);
    return pid !== undefined && alive(pid) && existsSync(path.join(profile, 'queue')) ? [{ profile, pid }] : [];
  });
  for (const { profile } of servers) writeFileSync(path.join(profile, 'queue', 'stop'), '');
  // Its profile is removed once the process has exited: LibreOffice still writes into it after the
  // macro has taken the stop file (a folder removed under it came back half, `user/` without the rest).
  const deadline = Date.now() + 5_000;
  while (servers.some(({ pid }) => alive(pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const unanswered = new Set(servers.filter(({ pid }) => alive(pid)).map(({ profile }) => profile));
  await Promise.all(profiles.filter((profile) => !unanswered.has(profile)).map((profile) => rm(profile, { recursive: true, force: true, maxRetries: 3 })));
}

/** The pid a profile's LibreOffice was started with (`<profile>/pid`), if written. */
function serverPid(profile: string): number | undefined {
  try {
    return Number(readFileSync(path.join(profile, 'pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The profile holding the macro, set up so that LibreOffice starts straight into it. */
async function writeProfile(profile: string): Promise<void> {
  const basic = path.join(profile, 'user', 'basic');
  await mkdir(path.join(basic, 'Standard'), { recursive: true });
  await writeFile(path.join(basic, 'script.xlc'), container('script'));
  await writeFile(path.join(basic, 'dialog.xlc'), container('dialog'));
  await writeFile(path.join(basic, 'Standard', 'script.xlb'), LIBRARY);
  await writeFile(path.join(basic, 'Standard', 'dialog.xlb'), DIALOGS);
  await writeFile(path.join(basic, 'Standard', 'Jobs.xba'), MODULE);
  await writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);
}

/**
 * One LibreOffice for the whole test run (a start costs ~4.5 s of CPU; ~12 test files, in both of
 * vitest's forks, use it): the first job list of any test process starts it, in a profile named
 * for the run. It runs the `Serve` macro, which takes each list from a file of its queue folder
 * (`job-<pid>-<n>`: several processes' lists, one at a time). The run's teardown
 * (test/global-setup.ts) asks it to stop; it stops by itself after a minute without work, and is
 * then started again by the next list: whichever process makes the lock folder `start-<pid of the
 * one that stopped>` (`start-0` the first time) starts it and writes its pid; the others wait for
 * that. A test file run alone (no run id) has a LibreOffice of its own, killed when the process exits.
 */
class OfficeServer {
  #queue: Promise<unknown> = Promise.resolve();
  #sent = 0;

  run(fields: string[]): Promise<void> {
    const next = this.#queue.then(() => this.#run(fields));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** The run's LibreOffice, started now if none is running. */
  async #server(): Promise<{ dir: string; pid: number }> {
    const run = process.env[TEST_RUN_VARIABLE];
    const profile = path.join(os.tmpdir(), `${PROFILE_PREFIX}${run ?? `alone-${process.pid}`}-office`);
    const queue = path.join(profile, 'queue');
    const pidFile = path.join(profile, 'pid');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined;
      if (pid !== undefined && alive(pid)) return { dir: queue, pid };
      await mkdir(profile, { recursive: true });
      try {
        await mkdir(path.join(profile, `start-${pid ?? 0}`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // Another test process starts it.
        if (Date.now() > deadline) throw new Error(`LibreOffice of the test run was never started (${profile})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      if (!existsSync(queue)) {
        await writeProfile(profile);
        await mkdir(queue);
      }
      const child = spawn('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', `macro:///Standard.Jobs.Serve("${queue}")`], {
        stdio: 'ignore',
        detached: true,
      });
      child.on('error', () => undefined);
      child.unref();
      if (child.pid === undefined) throw new Error('soffice could not be started');
      await writeFile(`${pidFile}.tmp`, String(child.pid));
      await rename(`${pidFile}.tmp`, pidFile);
      // Alone, the process owns it; in a run, the teardown stops it (the other fork may still use it).
      if (run === undefined) process.once('exit', () => killGroup(child.pid!));
      return { dir: queue, pid: child.pid };
    }
  }

  async #run(fields: string[]): Promise<void> {
    let { dir, pid } = await this.#server();
    const id = `${process.pid}-${++this.#sent}`;
    const job = path.join(dir, `job-${id}`);
    const done = path.join(dir, `done-${id}`);
    await writeFile(path.join(dir, `list-${id}`), `${fields.join(SEPARATOR)}\n`);
    await rename(path.join(dir, `list-${id}`), job);
    const deadline = Date.now() + 180_000;
    while (!existsSync(done)) {
      if (!alive(pid) && existsSync(job)) {
        // It stopped (a minute without work) just as the list came: the next one takes it.
        ({ pid } = await this.#server());
        continue;
      }
      if (!alive(pid) || Date.now() > deadline) {
        killGroup(pid);
        throw new Error(`LibreOffice stopped before it finished the jobs (pid ${pid}${alive(pid) ? ', still running after 180 s' : ''})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await rm(done);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const server = new OfficeServer();

/** Runs every job in the test process's LibreOffice, in order; the outputs are where the jobs say. Throws, with LibreOffice's error, for a job that wrote nothing. */
export async function libreOfficeJobs(jobs: OfficeJob[]): Promise<void> {
  const fields = jobs.flatMap((j) => [path.resolve(j.file), path.resolve(j.out), j.filter, j.filterOptions ?? '', j.revisions ?? '']);
  const bad = fields.find((f) => f.includes(SEPARATOR) || f.includes('"') || f.includes('\n'));
  if (bad !== undefined) throw new Error(`a LibreOffice job field cannot hold ${SEPARATOR}, " or a line break: ${bad}`);
  // a missing input makes LibreOffice wait on an error box until the timeout: refuse it here
  const missing = jobs.filter((j) => !existsSync(j.file)).map((j) => j.file);
  if (missing.length > 0) throw new Error(`no such file for LibreOffice: ${missing.join(', ')}`);
  await server.run(fields);
  const failures = await Promise.all(
    jobs.map(async (job) => {
      if (existsSync(job.out)) return undefined;
      const error = await readFile(`${job.out}.error`, 'utf8').catch(() => 'no error reported');
      return `${job.file} -> ${job.out} (${job.filter}): ${error.trim()}`;
    }),
  );
  const failed = failures.filter((f) => f !== undefined);
  if (failed.length > 0) throw new Error(`LibreOffice wrote nothing for ${failed.length} job(s):\n${failed.join('\n')}`);
}

/**
 * Each file's text as LibreOffice saves it (Text filter, UTF-8), after accepting or rejecting every tracked
 * change if asked (accepting in a file without any gives its text as it is): all in one start, in order.
 */
export async function libreOfficeTexts(requests: { file: string; revisions?: 'accept' | 'reject' }[]): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baocao-lo-text-'));
  try {
    const jobs = requests.map((r, i) => ({ ...r, out: path.join(dir, `${i}.txt`), filter: 'Text (encoded)', filterOptions: 'UTF8,LF' }));
    await libreOfficeJobs(jobs);
    return await Promise.all(jobs.map(async (j) => (await readFile(j.out, 'utf8')).replace(/^\uFEFF/, '')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
