/**
 * Model → template tags. The one place that names the tags of templates/word/*.docx; the
 * renderer computes nothing here, it only hands over the model's final text.
 *
 * Tags (docxtemplater, `{` `}` delimiters, Vietnamese without diacritics):
 *
 * | tag                                   | kind                 | from the model                               |
 * |---------------------------------------|----------------------|----------------------------------------------|
 * | `{#co_quan_chu_quan}`…`{/co_quan_chu_quan}` | condition      | shown when `header.parentAgency` is set      |
 * | `{co_quan_chu_quan}`                  | text                 | `header.parentAgency`                        |
 * | `{#co_quan}`…`{/co_quan}`             | loop, one paragraph per line | `header.agencyLines`                 |
 * | `{dong}` (in `co_quan`)               | text                 | one agency line                              |
 * | `{so_ky_hieu}`                        | text                 | `header.numberLine` ("Số: 07/BC-UBND"; empty for a type without it) |
 * | `{v_v}`                               | text                 | `header.subject` ("V/v …", công văn; empty for a type with tên loại) |
 * | `{dia_danh_ngay}`                     | text                 | `header.placeDate` (empty when the document has none) |
 * | `{#co_ngay}`…`{/co_ngay}`             | condition            | the place/date line of a type without the header (phan_dau: khong), shown when `header.placeDate` is set |
 * | `{ten_loai}`                          | text                 | `title.typeName` ("BÁO CÁO"; empty for công văn) |
 * | `{trich_yeu}`                         | text                 | `title.summary`                              |
 * | `{#ban_hanh_kem_theo}`…`{/ban_hanh_kem_theo}` | condition    | shown when `title.issuedWith` is set (kế hoạch) |
 * | `{ban_hanh_kem_theo}`                 | text                 | `title.issuedWith`                           |
 * | `{#kinh_gui_mot_dong}`…`{/kinh_gui_mot_dong}` | condition    | one addressee (`addressees.sameLine`) (báo cáo) |
 * | `{dong}` (in `kinh_gui_mot_dong`)     | text                 | the addressee, after "Kính gửi: "            |
 * | `{#kinh_gui_nhieu_dong}`…`{/kinh_gui_nhieu_dong}` | condition | several addressees, one per line (báo cáo) |
 * | `{#dong_gui}`…`{/dong_gui}`           | loop                 | `addressees.lines`                           |
 * | `{dong}` (in `dong_gui`)              | text                 | one addressee line ("- Phòng Nội vụ;")      |
 * | `{#tham_quyen}`…`{/tham_quyen}`       | condition            | shown when `decision` is set (quyết định)    |
 * | `{tham_quyen}`                        | text                 | `decision.authority`                         |
 * | `{#can_cu}`…`{/can_cu}`               | loop                 | `decision.grounds` (none: no paragraph)      |
 * | `{dong}` (in `can_cu`)                | text                 | one căn cứ line ("Căn cứ …;")               |
 * | `{@noi_dung}`                         | raw XML, own paragraph | `body` + footnote references (body-xml.ts) |
 * | `{#noi_nhan}`…`{/noi_nhan}`           | loop                 | `recipients`                                 |
 * | `{dong}` (in `noi_nhan`)              | text                 | one Nơi nhận line                           |
 * | `{#quyen_han}`…`{/quyen_han}`         | loop, one paragraph per line | `signature.authority` (none: no paragraph) |
 * | `{quyen_han}` (in `quyen_han`)        | text                 | one quyền hạn line ("TM. ỦY BAN NHÂN DÂN")  |
 * | `{chuc_vu}`                           | text                 | `signature.position`                         |
 * | `{ho_ten}`                            | text                 | `signature.name`, after `signature.otherPosition` and a line break when set |
 *
 * The fixed wording (Quốc hiệu, Tiêu ngữ, "Kính gửi:", "Nơi nhận:", "QUYẾT ĐỊNH:") is in the templates, not here.
 * A tag the template uses but this data lacks is a `template-error` (the renderer's nullGetter).
 * Every value is cleaned of the characters XML forbids (xml-text.ts; docxtemplater's own option
 * misses U+FFFE, U+FFFF and lone surrogates); docxtemplater escapes the markup characters.
 */
import type { ReportModel } from '../../core/model.js';
import { xmlCharsDeep } from './xml-text.js';

export interface Line {
  dong: string;
}

export interface TemplateData {
  co_quan_chu_quan: string | false;
  co_quan: Line[];
  so_ky_hieu: string;
  v_v: string;
  dia_danh_ngay: string;
  co_ngay: boolean;
  ten_loai: string;
  trich_yeu: string;
  ban_hanh_kem_theo: string | false;
  kinh_gui_mot_dong: Line | false;
  kinh_gui_nhieu_dong: boolean;
  dong_gui: Line[];
  tham_quyen: string | false;
  can_cu: Line[];
  noi_dung: string;
  noi_nhan: Line[];
  /** A loop whose items carry the tag's own name, so `{quyen_han}` inside reads the line. */
  quyen_han: { quyen_han: string }[] | false;
  chuc_vu: string;
  ho_ten: string;
}

const lines = (texts: readonly string[]): Line[] => texts.map((dong) => ({ dong }));

/** The tag values for a model; `bodyXml` is the body already built as WordprocessingML. */
export function templateData(model: ReportModel, bodyXml: string): TemplateData {
  return { ...xmlCharsDeep(tagValues(model)), noi_dung: bodyXml };
}

function tagValues(model: ReportModel): Omit<TemplateData, 'noi_dung'> {
  const { header, title, addressees, signature } = model;
  const oneAddressee = addressees !== undefined && addressees.sameLine && addressees.lines.length > 0;
  const severalAddressees = addressees !== undefined && !oneAddressee && addressees.lines.length > 0;
  return {
    co_quan_chu_quan: header.parentAgency ?? false,
    co_quan: lines(header.agencyLines),
    so_ky_hieu: header.numberLine ?? '',
    v_v: header.subject ?? '',
    dia_danh_ngay: header.placeDate ?? '',
    co_ngay: header.placeDate !== undefined,
    ten_loai: title.typeName ?? '',
    trich_yeu: title.summary,
    ban_hanh_kem_theo: title.issuedWith ?? false,
    kinh_gui_mot_dong: oneAddressee ? { dong: addressees.lines.join(' ') } : false,
    kinh_gui_nhieu_dong: severalAddressees,
    dong_gui: severalAddressees ? lines(addressees.lines) : [],
    tham_quyen: model.decision?.authority ?? false,
    can_cu: lines(model.decision?.grounds ?? []),
    noi_nhan: lines(model.recipients),
    quyen_han: signature.authority.length > 0 ? signature.authority.map((line) => ({ quyen_han: line })) : false,
    chuc_vu: signature.position,
    // chức vụ khác sits above the name, below the signature space (ô 7b): same paragraph, a line break
    ho_ten: signature.otherPosition ? `${signature.otherPosition}\n${signature.name}` : signature.name,
  };
}
