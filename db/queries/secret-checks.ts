import type { Db } from '../database.js';

export type SecretFileName = 'receipt-secret' | 'totp-key' | 'master-key';

export async function findSecretCheck(db: Db, name: SecretFileName): Promise<string | undefined> {
  const row = await db.selectFrom('secret_check').select('check_value').where('name', '=', name).executeTakeFirst();
  return row?.check_value;
}

export async function saveSecretCheck(db: Db, name: SecretFileName, checkValue: string): Promise<void> {
  await db
    .insertInto('secret_check')
    .values({ name, check_value: checkValue })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ check_value: checkValue }))
    .execute();
}

/** Rows that cannot be read or matched again under another key than the file's. */
export async function countRowsKeyedBy(db: Db, name: SecretFileName): Promise<number> {
  const count = async (table: 'report' | 'staff_totp_recovery_code' | 'staff_totp' | 'case_key') => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  };
  if (name === 'master-key') return count('case_key');
  return name === 'receipt-secret' ? (await count('report')) + (await count('staff_totp_recovery_code')) : count('staff_totp');
}
