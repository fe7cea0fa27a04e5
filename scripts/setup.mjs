#!/usr/bin/env node
/**
 * Makes a fresh clone ready, so the README's two commands are all a user types:
 *   1. installs the npm packages when node_modules is missing or older than package-lock.json;
 *   2. builds dist/ from src/ (tsc), and the `baocao` command's bundle, dist/bundle/ (scripts/bundle.mjs),
 *      each unless it is newer than every source (scripts/dist-current.mjs);
 *   3. finds the system programs the task needs, and installs the missing ones with apt-get
 *      when this is Debian/Ubuntu and we are root (or have password-less sudo);
 *      otherwise says clearly what to install.
 *   --for render   needs a browser (Chromium's headless shell, else Chrome, Chromium or Edge) to print PDF
 *   --for test     also needs LibreOffice, pandoc and poppler-utils (tests use them for real)
 * Uses only Node's standard library: it runs before node_modules exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleIsCurrent, distIsCurrent } from './dist-current.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv.includes('--for') ? process.argv[process.argv.indexOf('--for') + 1] : 'render';

function log(message) {
  process.stderr.write(`[baocao setup] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', ...options });
  if (result.status !== 0) {
    log(`Lệnh thất bại: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

function installNodePackages() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('Cài các gói npm (npm ci)…');
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (ci.status === 0) return;
  // npm ci refuses a lock file without the entries of optional packages the registry does not have
  // (the Open XML validator lists a binary package per platform; a mirror may hold only this
  // machine's). npm install takes the same locked versions and skips what it cannot have;
  // --no-save leaves package.json and package-lock.json as they are.
  log('npm ci không dùng được tệp khóa trên máy này: cài bằng npm install (giữ nguyên các phiên bản đã khóa)…');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save']);
}

function build() {
  if (!distIsCurrent(root)) {
    log('Biên dịch TypeScript → dist/…');
    run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
  }
  if (!bundleIsCurrent(root)) {
    log('Đóng gói lệnh baocao → dist/bundle/…');
    run(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')]);
  }
}

/** package.json's `bin`: the file `baocao` runs (the bundle of scripts/bundle.mjs). */
function installedBin() {
  return path.join(root, JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).bin.baocao);
}

function onPath(command) {
  const probe = process.platform === 'win32' ? 'where' : 'which';
  return spawnSync(probe, [command], { stdio: 'ignore' }).status === 0;
}

function canUseApt() {
  if (process.platform !== 'linux' || !onPath('apt-get')) return undefined;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  if (onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return undefined;
}

let aptUpdated = false;
function aptInstall(packages) {
  const prefix = canUseApt();
  if (!prefix) return false;
  const [command, ...args] = [...prefix, 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update…');
    spawnSync(command, [...args, 'update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  log(`apt-get install ${packages.join(' ')}…`);
  const result = spawnSync(command, [...args, 'install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  return result.status === 0;
}

async function findBrowserModule() {
  return import(pathToFileURL(path.join(root, 'dist', 'render', 'pdf', 'find-browser.js')).href);
}

async function browserPath() {
  const module = await findBrowserModule();
  try {
    return module.findBrowser(process.env);
  } catch {
    return undefined;
  }
}

/** Whether apt knows the package (from its lists; no network): a quiet probe before an install. */
function aptKnows(pkg) {
  return onPath('apt-cache') && spawnSync('apt-cache', ['show', pkg], { stdio: 'ignore' }).status === 0;
}

/**
 * A browser to print PDF with. Chromium's headless shell prints the same bytes as Chromium with
 * ~25% less CPU (no per-job PrintCompositor process: src/render/pdf/find-browser.ts), so where apt
 * has it, it is installed even beside another browser; BAOCAO_BROWSER, when set, is the user's choice.
 */
async function ensureBrowser() {
  const { isHeadlessShell } = await findBrowserModule();
  const found = await browserPath();
  if (found && (isHeadlessShell(found) || process.env.BAOCAO_BROWSER)) return;
  if (canUseApt() && (!found || aptKnows('chromium-headless-shell'))) {
    log(found ? `In PDF nhanh hơn với Chromium headless shell (đang dùng ${found}): cài chromium-headless-shell…` : 'Không tìm thấy Chrome/Chromium/Edge: cài Chromium headless shell của Debian…');
    if (aptInstall(['chromium-headless-shell']) && (await browserPath())) return;
  }
  if (found) return;
  if (aptInstall(['chromium']) && (await browserPath())) return;
  log('Không có trình duyệt để in PDF. Hãy cài một trong: Chromium (sudo apt-get install chromium-headless-shell, hoặc chromium), Google Chrome, Microsoft Edge;');
  log('hoặc đặt biến môi trường BAOCAO_BROWSER=<đường dẫn tới trình duyệt>.');
  process.exit(1);
}

function dpkgHas(pkg) {
  return spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;
}

/** What the tests run for real, with the Debian packages that bring each one. */
const TEST_TOOLS = [
  { present: () => onPath('soffice'), packages: ['libreoffice-writer-nogui'], what: 'LibreOffice (mở và chuyển DOCX sang PDF)' },
  { present: () => onPath('pandoc'), packages: ['pandoc'], what: 'pandoc (đọc DOCX và chú thích)' },
  { present: () => onPath('pdftotext'), packages: ['poppler-utils'], what: 'poppler-utils (pdftotext, pdffonts, pdftoppm)' },
  // Liberation 2 has the Vietnamese glyphs LibreOffice needs in place of Times New Roman (1.x lacks them).
  { present: () => !onPath('dpkg') || dpkgHas('fonts-liberation2'), packages: ['fonts-liberation2'], what: 'phông Liberation 2 (thay Times New Roman, đủ dấu tiếng Việt)' },
];

function ensureTestTools() {
  const missing = TEST_TOOLS.filter((tool) => !tool.present());
  if (missing.length === 0) return;
  aptInstall(missing.flatMap((tool) => tool.packages));
  const still = missing.filter((tool) => !tool.present());
  for (const tool of still) log(`Thiếu ${tool.what}: hãy cài gói ${tool.packages.join(', ')}.`);
  if (still.length > 0) process.exit(1);
}

installNodePackages();
build();
await ensureBrowser();
if (purpose === 'test') ensureTestTools();
try {
  execFileSync(process.execPath, [installedBin(), '--version'], { stdio: 'ignore' });
} catch {
  log(`${path.relative(root, installedBin())} không chạy được sau khi biên dịch.`);
  process.exit(1);
}
