import { insertContact } from '../../db/queries/school-contacts.js';
import { insertSchool } from '../../db/queries/schools.js';
import type { Db } from '../../db/database.js';
import type { School } from '../schools/schools-file.js';

/** A new school and its first contact table, as the board adds it or the first start imports it. */
export async function storeNewSchool(trx: Db, school: School, options: { isDefault: boolean; at: Date }): Promise<void> {
  const at = options.at.toISOString();
  await insertSchool(trx, {
    slug: school.slug,
    name: school.name,
    board: school.board ?? null,
    full_notification_mail: school.fullNotificationMail ? 1 : 0,
    require_totp: school.requireTotp ? 1 : 0,
    retention_months: school.retentionMonths,
    holiday_region: school.holidayRegion,
    login_link: school.loginLink ? 1 : 0,
    is_default: options.isDefault ? 1 : 0,
    created_at: at,
  });
  for (const contact of school.contacts) {
    await insertContact(trx, school.slug, { ...contact, note: contact.note ?? null }, at);
  }
}
