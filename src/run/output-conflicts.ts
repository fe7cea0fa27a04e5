/**
 * Outputs are planned before anything is written (as Eleventy's TemplateMap): two documents
 * writing one file, or two files that differ only in letter case (one file on the Windows and
 * macOS disks that offices use) or only in Unicode normalisation (NFC/NFD look-alikes), stop the run.
 */
import { diagnosticAt, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface PlannedFile {
  /** The data file that produces it. */
  source: string;
  /** Where it is written. */
  target: string;
  /** The same, relative to the output folder with `/`. */
  file: string;
}

export function outputConflicts(planned: readonly PlannedFile[]): Diagnostic[] {
  const owners = new Map<string, PlannedFile>();
  const diagnostics: Diagnostic[] = [];
  for (const output of planned) {
    const folded = output.file.normalize('NFC').toLowerCase();
    const owner = owners.get(folded);
    if (!owner) {
      owners.set(folded, output);
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        { file: output.source, line: 0, column: 0 },
        'output-conflict',
        owner.file === output.file
          ? `"${output.source}" và "${owner.source}" cùng ghi ra "${output.target}": mỗi đơn vị phải nằm trong một thư mục riêng dưới cùng một thư mục gốc có mac-dinh.yaml.`
          : owner.file.normalize('NFC') === output.file.normalize('NFC')
            ? `"${output.source}" ghi ra "${output.file}", "${owner.source}" ghi ra "${owner.file}": hai tên trông giống hệt nhau, chỉ khác cách mã hóa Unicode ` +
              '(chữ có dấu dựng sẵn NFC và tổ hợp NFD), là cùng một tệp trên macOS và dễ nhầm ở mọi nơi: hãy gõ lại tên thư mục.'
            : `"${output.source}" ghi ra "${output.file}", "${owner.source}" ghi ra "${owner.file}": hai tên chỉ khác chữ hoa/thường, là cùng một tệp trên Windows và macOS.`,
      ),
    );
  }
  return diagnostics;
}
