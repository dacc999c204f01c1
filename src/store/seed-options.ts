import type { SeedCountry } from './seed-country.ts';
import type { Faker } from './seed-faker.ts';
import type { Setting } from './types.ts';

const TAGS = [
  'priority',
  'annual',
  'monthly',
  'usage-based',
  'partner',
  'self-serve',
  'invoiced',
  'trial',
] as const;

/** 0–2 tags, and half of the time the account's sales region (`amer`, `emea`, `apac`), never another's. */
export function seedTags(faker: Faker, market: SeedCountry['market']): string[] {
  const tags: string[] = faker.helpers.arrayElements(TAGS, { min: 0, max: 2 });
  if (faker.datatype.boolean({ probability: 0.5 })) tags.unshift(market);
  return tags;
}

export function seedSettings(faker: Faker): Setting[] {
  return faker.helpers.arrayElements(
    [
      {
        id: 'invoice.autoFinalize',
        value: 'true',
        namespace: 'USER',
        name: 'Auto-finalize invoices',
        dataType: 'STRING',
      },
      {
        id: 'invoice.dueReminderDays',
        value: String(faker.number.int({ min: 1, max: 14 })),
        namespace: 'USER',
        name: 'Due reminder days',
        dataType: 'NUMERIC',
      },
      {
        id: 'usage.rounding',
        value: '{"mode":"HALF_UP","scale":2}',
        namespace: 'USER',
        name: 'Usage rounding',
        dataType: 'JSON',
      },
    ] satisfies Setting[],
    { min: 1, max: 3 },
  );
}
