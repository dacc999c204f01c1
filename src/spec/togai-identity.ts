/** What a description is, for the rules that may serve it. */
export interface Identity {
  togai: boolean;
  why: string;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const PUBLISHED: readonly [string, string, string][] = [
  ['/accounts', 'get', 'getAccounts'],
  ['/accounts', 'post', 'createAccount'],
  ['/accounts/{account_id}', 'get', 'getAccount'],
];

function hostOf(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1]?.toLowerCase();
}

/**
 * Whether a description is Togai's, so that the mock's hand-written Togai rules (the accounts,
 * customers and aliases store) may serve it. Decided by what the description says it is, never by
 * the shape of its paths: another API's `/accounts` is not Togai's (a hosting API's `POST
 * /accounts` used to reach the accounts store and answer 500).
 * - `x-togai-mock-rules: togai` at the root declares it, `x-togai-mock-rules: none` refuses it;
 * - otherwise a server on `togai.com` (`https://api.togai.com`, the sandbox) says it is Togai's;
 * - otherwise Togai's published operationIds for accounts at their published paths (a copy of
 *   Togai's description served from another host): `getAccounts`, `createAccount`, `getAccount`.
 */
export function identifyDescription(document: Obj): Identity {
  const declared = document['x-togai-mock-rules'];
  if (declared === 'togai') return { togai: true, why: 'declared by x-togai-mock-rules: togai' };
  if (declared === 'none') return { togai: false, why: 'declared by x-togai-mock-rules: none' };
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const togaiServer = servers
    .map((s) => (isObj(s) && typeof s.url === 'string' ? hostOf(s.url) : undefined))
    .find((host) => host === 'togai.com' || host?.endsWith('.togai.com'));
  if (togaiServer) return { togai: true, why: `served by ${togaiServer}` };
  const paths = isObj(document.paths) ? document.paths : {};
  const published = PUBLISHED.every(([path, method, id]) => {
    const item = paths[path];
    return isObj(item) && isObj(item[method]) && (item[method] as Obj).operationId === id;
  });
  if (published) return { togai: true, why: "Togai's published operationIds for accounts" };
  return {
    togai: false,
    why: 'no togai.com server, no Togai operationIds, no x-togai-mock-rules: togai',
  };
}
