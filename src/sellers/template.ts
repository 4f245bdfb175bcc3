import {
  SELLER_FIELDS,
  SELLER_REQUIRED_FIELDS,
  SELLER_STATUSES,
  type SellerRecord,
  SUBJECT_TYPES,
} from './record.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const REQUIRED: ReadonlySet<string> = new Set(SELLER_REQUIRED_FIELDS);

/**
 * What each column holds, as the README's field table says it. Typed by the record's fields, so a field
 * added to the record does not compile until the template explains it.
 */
const NOTES: Record<keyof SellerRecord, string> = {
  seller_id: "The platform's own id of the seller: 1-64 of A-Z a-z 0-9 . _ : -",
  subject_type: `One of: ${SUBJECT_TYPES.join(', ')}`,
  legal_name: 'Registered name (for a natural person, the name on the ID card)',
  uscc: 'Unified social credit code (18 characters); required for enterprise and individual_business',
  id_number: 'Resident ID number (18 characters); required for natural_person, and only for it',
  exemption_reason: 'Why a natural person is not registered; required for natural_person',
  address: 'Optional',
  contact_phone: 'Optional',
  legal_representative: 'Optional',
  category: 'Optional',
  store_name: 'The store name as shown to buyers',
  store_url: 'The store homepage, an absolute http(s) URL',
  license_url: 'Optional: where the store shows its business license',
  status: `One of: ${SELLER_STATUSES.join(', ')} (empty means active)`,
  opened_at: 'Optional date YYYY-MM-DD, not in the future',
  closed_at: 'Optional date YYYY-MM-DD, not before opened_at',
};

const requirement = (field: string) =>
  REQUIRED.has(field)
    ? 'required'
    : field === 'uscc' || field === 'id_number' || field === 'exemption_reason'
      ? 'required by subject_type'
      : 'optional';

/**
 * The seller filing template (.xlsx): a first sheet `sellers` whose header row is the field names, each
 * with a note saying what it holds, and whose columns are formatted as text (an ID number or phone
 * typed into a number cell would lose digits); a second sheet `fields` explaining every column. Only the
 * first sheet is filed.
 */
export async function sellerTemplate(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'marketgate';
  const sellers = workbook.addWorksheet('sellers', { views: [{ state: 'frozen', ySplit: 1 }] });
  sellers.columns = SELLER_FIELDS.map((field) => ({
    header: field,
    key: field,
    width: Math.max(14, field.length + 4),
    style: { numFmt: '@' },
  }));
  const header = sellers.getRow(1);
  SELLER_FIELDS.forEach((field, i) => {
    const cell = header.getCell(i + 1);
    cell.note = `${requirement(field)}: ${NOTES[field]}`;
    cell.font = { bold: true, color: { argb: REQUIRED.has(field) ? 'FFC00000' : 'FF000000' } };
  });

  const fields = workbook.addWorksheet('fields');
  fields.columns = [
    { header: 'field', key: 'field', width: 22 },
    { header: 'required', key: 'required', width: 24 },
    { header: 'what it holds', key: 'note', width: 90 },
  ];
  fields.getRow(1).font = { bold: true };
  for (const field of SELLER_FIELDS)
    fields.addRow({ field, required: requirement(field), note: NOTES[field] });
  fields.addRow({});
  fields.addRow({
    field: 'Fill the sheet "sellers" from its second row, one seller per row, and file the workbook',
  });
  fields.addRow({
    field: 'with Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.',
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
