/** Vietnamese wording for the YAML parser's error codes. */
import type { YAMLError } from 'yaml';

const messages: Record<string, string> = {
  DUPLICATE_KEY: 'Khóa này đã xuất hiện ở trên trong cùng khối: mỗi khóa chỉ được viết một lần.',
  BAD_INDENT: 'Thụt lề không đúng: các dòng cùng cấp phải thẳng hàng, dùng dấu cách (không dùng Tab).',
  TAB_AS_INDENT: 'Không dùng phím Tab để thụt lề: hãy dùng dấu cách.',
  MISSING_CHAR: 'Thiếu ký tự đóng (dấu ngoặc kép, ngoặc vuông hoặc ngoặc nhọn).',
  MULTILINE_IMPLICIT_KEY: 'Khóa không được kéo dài nhiều dòng: có thể thiếu dấu ":" hoặc thụt lề sai ở dòng trên.',
  BLOCK_AS_IMPLICIT_KEY: 'Dòng này bị hiểu thành khóa: có thể thiếu dấu cách sau ":" hoặc thụt lề sai.',
  UNEXPECTED_TOKEN: 'Ký tự không mong đợi ở đây: kiểm tra dấu ":", "-" và thụt lề.',
  BAD_SCALAR_START: 'Giá trị bắt đầu bằng ký tự đặc biệt: hãy đặt cả giá trị trong dấu ngoặc kép "…".',
  BAD_DQ_ESCAPE: 'Chuỗi trong ngoặc kép có ký tự thoát "\\" không hợp lệ.',
  MULTIPLE_DOCS: 'Mỗi tệp chỉ chứa một văn bản: bỏ dòng "---" thứ hai.',
  MULTIPLE_ANCHORS: 'Một giá trị có nhiều neo (&).',
  MULTIPLE_TAGS: 'Một giá trị có nhiều thẻ (!).',
  TAG_RESOLVE_FAILED: 'Không hiểu thẻ kiểu (!) của giá trị này.',
  ALIAS_PROPS: 'Tham chiếu (*) không được có neo hay thẻ.',
  KEY_OVER_1024_CHARS: 'Khóa dài quá 1024 ký tự.',
  BAD_ALIAS: 'Tham chiếu (*) không hợp lệ.',
  BAD_DIRECTIVE: 'Chỉ thị % không hợp lệ.',
  IMPOSSIBLE: 'Cấu trúc YAML không thể phân tích.',
  UNEXPECTED_FLOW_MAP: 'Dấu "{" không mong đợi: nếu là văn bản, hãy đặt giá trị trong dấu ngoặc kép.',
};

export function yamlErrorMessage(error: YAMLError): string {
  const known = messages[error.code];
  if (known) return known;
  if (/multiple documents/i.test(error.message)) return messages.MULTIPLE_DOCS!;
  return `Lỗi cú pháp YAML (${error.code}).`;
}
