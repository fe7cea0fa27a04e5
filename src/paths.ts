/** Where the package's own files are, whether running from src/ (tests) or dist/ (installed). */
import path from 'node:path';
import { PACKAGE_ROOT } from './core/package-root.js';

export { PACKAGE_ROOT };
export const DEFAULT_TEMPLATES_DIR = path.join(PACKAGE_ROOT, 'templates');
