export { createAccountStore, type StoreOptions } from './account-store.ts';
export { type Baseline, type BaselineOptions, createBaseline } from './baseline.ts';
export {
  type CursorState,
  createCursorSecret,
  decodeCursor,
  encodeCursor,
  MAX_TOKEN_LENGTH,
  type PageSizeBounds,
} from './cursor.ts';
export type { AccountRecord, CustomerRecord } from './records.ts';
export { createTenants, type Tenants, type TenantsOptions } from './tenants.ts';
export type * from './types.ts';
