/**
 * Every rule id the tool can report, with what it means. Ids are stable: scripts and reviewers
 * may filter on them. The rules table of the docs lists the same ids and meanings; test/readme.test.ts
 * keeps the two equal.
 */
export const rules = {
  // reading files
  'file-unreadable': 'Không đọc được tệp (không tồn tại hoặc không có quyền).',
  'file-too-large': 'Tệp lớn hơn giới hạn cho phép (1 MiB).',
  'file-not-utf8': 'Tệp không được mã hóa UTF-8.',
  'file-utf16': 'Tệp được lưu bằng bảng mã UTF-16 (có dấu BOM): vẫn đọc được, nên lưu lại bằng UTF-8 (cảnh báo).',
  'yaml-syntax': 'Lỗi cú pháp YAML.',
  'text-needs-quotes': 'Một câu có dấu ":" hoặc ngoặc kép “ ” của Word phải đặt cả dòng trong ngoặc kép thẳng "…".',
  'yaml-duplicate-key': 'Một khóa xuất hiện hai lần trong cùng một khối.',
  'yaml-alias': 'Tham chiếu YAML (&neo, *bí-danh) không được dùng trong dữ liệu báo cáo.',
  'yaml-not-mapping': 'Tệp dữ liệu phải là một bảng khóa: giá trị.',
  'too-deep': 'Dữ liệu hoặc mục lồng nhau quá sâu (giới hạn an toàn).',
  'control-character': 'Văn bản có ký tự điều khiển không in được: đã bỏ (cảnh báo).',
  'bidi-control': 'Văn bản có ký tự đổi chiều viết (ví dụ U+202E): đã bỏ (cảnh báo).',
  'not-report-data': 'Tệp không giống dữ liệu báo cáo (quá nhiều khóa lạ): không trích lại nội dung của nó.',
  'missing-profile': 'Thiếu tệp hồ sơ đơn vị don-vi.yaml.',
  // the schema
  'unknown-key': 'Khóa không có trong lược đồ.',
  'wrong-type': 'Giá trị sai kiểu (ví dụ chữ thay cho số).',
  'missing-field': 'Thiếu trường bắt buộc.',
  'invalid-value': 'Giá trị không hợp lệ.',
  // the document
  'unknown-period': 'Tên tệp kỳ báo cáo không đúng dạng (2024-q3, 2024-6t, 2024-9t, 2024-nam, 2024-ke-hoach).',
  'invalid-date': 'Ngày không có thật hoặc sai dạng YYYY-MM-DD.',
  'invalid-number': 'Số văn bản sai dạng.',
  'empty-section': 'Mục không có tiêu đề, đoạn văn và mục con.',
  'empty-footnote': 'Chú thích ^[ ] không có nội dung.',
  'unclosed-markup': 'Dấu ^[ hoặc {{ mở mà không đóng.',
  'unknown-markup': 'Thẻ HTML (như br, u) hoặc dấu gạch dưới đôi không phải định dạng của baocao: được in nguyên chữ (cảnh báo).',
  'unknown-figure': 'Biểu thức gọi một số liệu không có trong so_lieu.',
  'unknown-function': 'Biểu thức gọi một hàm không có.',
  'invalid-expression': 'Biểu thức sai cú pháp hoặc sai số tham số.',
  'division-by-zero': 'Tỷ lệ có mẫu số bằng 0.',
  'stats-sum': 'Các phần không cộng lại bằng tổng.',
  'stats-order': 'Số liệu mâu thuẫn về thứ tự (ví dụ đúng hạn > đã giải quyết).',
  'percent-mismatch': 'Tỷ lệ phần trăm gõ tay không khớp với các số đi kèm.',
  'issuing-decision': 'Kế hoạch và quyết định ban hành nó (<ky>.quyet-dinh.yaml) không khớp số, ngày; hoặc quyết định chưa có số.',
  'table-row-cells': 'Một dòng của bảng không có đúng một ô cho mỗi cột.',
  'table-not-number': 'Ô của cột số liệu (kieu: so) không phải là số.',
  'table-total-mismatch': 'Dòng tổng của bảng không khớp với tổng các dòng số liệu.',
  'table-too-wide': 'Các cột của bảng rộng hơn cả trang ngang (25,7 cm), hoặc rộng hơn trang dọc (16,5 cm) trong phụ lục ghi huong: doc.',
  'appendix-empty': 'Phụ lục không có nội dung (doan).',
  'appendix-missing': 'Biểu thức {{phu_luc n}} gọi một phụ lục không có.',
  'appendix-unreferenced': 'Nội dung văn bản không dẫn chiếu đến một phụ lục ({{phu_luc n}}) như Nghị định 30 yêu cầu (cảnh báo).',
  // the roll-up (tong_hop)
  'rollup-unit-missing': 'Tổng hợp: đơn vị được kê không có, chưa có tệp cùng kỳ, bị kê hai lần, hoặc tat_ca không tìm thấy đơn vị nào.',
  'rollup-unit-invalid': 'Tổng hợp: tệp của một đơn vị có lỗi nên không cộng được (không tính là 0).',
  'rollup-cycle': 'Tổng hợp vòng tròn: văn bản tổng hợp chính nó, hoặc A tổng hợp B mà B tổng hợp A.',
  'rollup-partial-figure': 'Tổng hợp: một số liệu chỉ có ở một phần các đơn vị nên không được cộng (cảnh báo; thành lỗi khi bảng cần nó).',
  'rollup-not-additive': 'Tổng hợp: số liệu không cộng được (tỷ lệ, chỉ số, điểm, bình quân; đơn vị tính khác nhau).',
  'rollup-own-figure': 'Tổng hợp: văn bản ghi tay một số liệu mà tong_hop đã cộng từ các đơn vị.',
  'rollup-no-source': 'Bảng có tu_tong_hop nhưng văn bản không có tong_hop, hoặc ghi cả dong lẫn tu_tong_hop.',
  'stale-figure': 'Số liệu vẫn bằng số của kỳ trước và còn dấu "# kỳ trước: … — cập nhật" (cảnh báo).',
  // document types (templates/loai/<ten>.yaml)
  'unknown-type': 'Giá trị loai không phải loại văn bản nào trong thư mục mẫu (templates/loai/).',
  'type-declaration': 'Tệp khai báo loại văn bản (templates/loai/<ten>.yaml) có khóa lạ hoặc giá trị sai.',
  'type-template-missing': 'Loại văn bản được khai báo nhưng thiếu tệp mẫu Word (word/<mau>.docx) hoặc HTML (html/<mau>.hbs).',
  // the run
  'usage': 'Lệnh gọi sai tham số.',
  'no-input': 'Không tìm thấy tệp dữ liệu nào để xử lý.',
  'output-conflict': 'Hai văn bản sẽ ghi ra cùng một tệp.',
  'file-exists': 'Tệp kỳ mới đã có; baocao ky-moi chỉ ghi đè khi có --ghi-de.',
  'template-error': 'Mẫu văn bản (templates/) bị lỗi hoặc thiếu giá trị.',
  'browser-missing': 'Không tìm thấy trình duyệt Chrome/Chromium/Edge để in PDF.',
  'browser-failed': 'Trình duyệt in PDF không chạy được (không phải tệp chương trình, không có quyền chạy, dừng ngay hoặc treo khi khởi động).',
  'render-failed': 'Không tạo được tệp đầu ra.',
  'write-failed': 'Không ghi được tệp (ổ đầy, ổ chỉ đọc, không có quyền, đường dẫn là thư mục, tên quá dài…): xem docs/loi-he-thong.md.',
  'system-error': 'Lỗi của hệ thống, không phải của dữ liệu (quá nhiều tệp mở cùng lúc, hết bộ nhớ…): xem docs/loi-he-thong.md.',
  'content-too-large': 'Một phần văn bản không chia được cao hơn một trang giấy: không in được PDF.',
  // finding the inputs (validate, render, batch)
  'input-skipped': 'Một tệp hoặc thư mục trong cây dữ liệu bị bỏ qua (đuôi tệp, tên kỳ, thư mục ẩn, thư mục con của đơn vị).',
  'symlink-outside': 'Liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dữ liệu: không được đọc.',
  // batch runs (baocao batch, baocao manifest merge)
  'manifest-invalid': 'Tệp kê khai (manifest.json) bị hỏng, không đọc được, hoặc của phiên bản khác.',
  'manifest-conflict': 'Các tệp kê khai của các phần (--shard) không ghép được với nhau.',
  'out-locked': 'Một lần chạy khác đang ghi cùng kỳ vào cùng thư mục kết quả.',
  'stale-output': 'Tệp trong thư mục kết quả là bản cũ, không còn khớp với dữ liệu (dữ liệu lỗi hoặc đơn vị đã bị xóa).',
  'browser-restarted': 'Trình duyệt in PDF bị dừng giữa chừng; đã khởi động lại và làm lại các văn bản đang in.',
  // comparing documents (baocao diff, baocao text)
  'not-a-document': 'Tệp không phải văn bản Word (.docx), PDF hay tệp dữ liệu YAML.',
  'corrupt-document': 'Tệp Word hoặc PDF bị hỏng, không đọc được.',
  'unpacked-too-large': 'Tệp Word giải nén ra quá lớn (có thể là "bom" nén); không đọc tiếp.',
  'input-too-large': 'Tệp Word vượt giới hạn đọc (quá nhiều đoạn văn hoặc bảng lồng quá sâu); không đọc tiếp.',
  'pdf-encrypted': 'Tệp PDF có mật khẩu hoặc bị mã hóa.',
  'diff-mismatch': 'Hai phía so sánh không cùng loại (thư mục với tệp, báo cáo với kế hoạch).',
  'internal-error': 'Lỗi nội bộ của công cụ (xin báo lại cho nhóm phát triển).',
} as const;

export type RuleId = keyof typeof rules;
