/**
 * The one mapping from system error codes (ENOSPC, EISDIR, EACCES, EMFILE…) to Vietnamese: what
 * happened and what to do, for a clerk, with the code kept in brackets for the IT staff
 * (docs/loi-he-thong.md explains each). Every write and every command's last-resort catch use it,
 * so no English system message reaches a user.
 */
import { diagnosticAt, type Diagnostic } from './diagnostic.js';
import { escapeForTerminal } from './report.js';
import type { RuleId } from './rules.js';

/** What a code means and what to do, as the end of a sentence ("…: <this>."). */
const MEANINGS: Record<string, string> = {
  ENOSPC: 'ổ đĩa đã đầy; giải phóng chỗ trống hoặc ghi sang ổ khác rồi chạy lại',
  EDQUOT: 'đã hết hạn mức dung lượng của tài khoản trên ổ đĩa; xóa bớt tệp hoặc ghi sang ổ khác rồi chạy lại',
  EISDIR: 'đó là một thư mục, không phải tệp; ghi đường dẫn đến một tệp (có tên tệp ở cuối)',
  EROFS: 'ổ đĩa chỉ cho đọc; ghi sang thư mục khác',
  ENAMETOOLONG: 'tên tệp hoặc đường dẫn quá dài; đặt tên ngắn hơn hoặc chọn thư mục nông hơn',
  EACCES: 'không có quyền; chọn thư mục khác hoặc nhờ bộ phận tin học cấp quyền',
  EPERM: 'hệ thống không cho phép thao tác này; chọn thư mục khác hoặc nhờ bộ phận tin học cấp quyền',
  EMFILE:
    'chương trình đã mở quá nhiều tệp cùng lúc so với giới hạn của hệ thống (ulimit -n); nhờ bộ phận tin học tăng giới hạn (ví dụ ulimit -n 4096) rồi chạy lại',
  ENFILE: 'cả hệ thống đã mở quá nhiều tệp cùng lúc; đóng bớt chương trình hoặc nhờ bộ phận tin học tăng giới hạn rồi chạy lại',
  ENOENT: 'tệp hoặc thư mục không có; kiểm tra lại đường dẫn',
  ENOTDIR: 'một phần của đường dẫn là tệp, không phải thư mục; kiểm tra lại đường dẫn',
  EEXIST: 'đã có một tệp hoặc thư mục cùng tên; chọn tên khác',
  ENOTEMPTY: 'thư mục không trống; chọn thư mục khác',
  EBUSY: 'tệp đang được chương trình khác dùng (ví dụ đang mở trong Word); đóng nó rồi chạy lại',
  ETXTBSY: 'tệp đang được chương trình khác dùng; đóng nó rồi chạy lại',
  EXDEV: 'không chuyển được tệp sang ổ đĩa khác; ghi vào thư mục trên cùng ổ đĩa',
  EIO: 'ổ đĩa báo lỗi đọc ghi; nhờ bộ phận tin học kiểm tra ổ đĩa',
  ELOOP: 'đường dẫn có liên kết tượng trưng (symlink) vòng tròn; kiểm tra lại đường dẫn',
  ENOMEM: 'máy đã hết bộ nhớ; đóng bớt chương trình rồi chạy lại',
  EAGAIN: 'hệ thống tạm thời không đáp ứng được; chạy lại sau ít phút',
};

/** The code of a system error (`ENOSPC`), or undefined for any other value. */
export function systemErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** What a code means and what to do, in Vietnamese, with the code in brackets: "ổ đĩa đã đầy; … (ENOSPC)". */
export function systemErrorText(code: string | undefined): string {
  if (code === undefined) return 'lỗi hệ thống không rõ; nhờ bộ phận tin học xem docs/loi-he-thong.md';
  const meaning = MEANINGS[code];
  return meaning ? `${meaning} (${code})` : `lỗi hệ thống ${code}; nhờ bộ phận tin học xem docs/loi-he-thong.md`;
}

/** Codes that say the machine, not the file or the command, is short of something. */
export function isResourceExhausted(code: string | undefined): boolean {
  return code === 'EMFILE' || code === 'ENFILE' || code === 'ENOMEM' || code === 'EAGAIN';
}

/**
 * A failed write of `target` (named as the user gave it) as a `write-failed` diagnostic, or the
 * given rule: "Không ghi được <what> "<target>": ổ đĩa đã đầy; … (ENOSPC)."
 */
export function writeFailure(error: unknown, target: string, what = 'tệp', ruleId: RuleId = 'write-failed'): Diagnostic {
  const code = systemErrorCode(error);
  const reason = code !== undefined ? systemErrorText(code) : error instanceof Error ? error.message : String(error);
  return diagnosticAt({ file: target, line: 0, column: 0 }, isResourceExhausted(code) ? 'system-error' : ruleId, `Không ghi được ${what} "${escapeForTerminal(target)}": ${reason}.`);
}

/** A system error that stopped a whole command (no file of the data to blame): `system-error`. */
export function systemFailure(error: unknown, file = 'baocao'): Diagnostic {
  const code = systemErrorCode(error);
  const where = typeof (error as NodeJS.ErrnoException).path === 'string' ? ` (tệp "${escapeForTerminal((error as NodeJS.ErrnoException).path!)}")` : '';
  return diagnosticAt({ file, line: 0, column: 0 }, 'system-error', `Lỗi hệ thống, không phải lỗi của dữ liệu${where}: ${systemErrorText(code)}.`);
}
