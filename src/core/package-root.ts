/** The package's own folder (package.json, templates/), whether running from src/ (tests) or dist/ (installed). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file is src/core/package-root.ts or dist/core/package-root.js: two levels below the root.
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
