/** What the worst client did to a server under the default limits, and the memory it took. */
export interface WorstMemory {
  /** Resident memory of the server process, in MiB. */
  rssAtStartMiB: number;
  rssPeakMiB: number;
  rssAtEndMiB: number;
  /** Bytes of `metadata` the fillers got stored (201/200 answers), and the tenants that held them. */
  storedMiB: number;
  tenantsFilled: number;
  /** Statuses of the PATCHes, exports and imports, e.g. `{ 200: 900, 403: 40 }`. */
  patches: Record<number, number>;
  exports: Record<number, number>;
  imports: Record<number, number>;
  exportedMiB: number;
  seconds: number;
}

export const formatTally = (tally: Record<number, number>) =>
  Object.entries(tally)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');

/** The 1 GB of issue 13, in MiB, as a target row of the report. */
export const checkWorstMemory = (m: WorstMemory) => ({
  target: 'RSS under the worst client, default limits < 1 GB',
  measured: `${Math.round(m.rssPeakMiB)} MiB peak`,
  met: m.rssPeakMiB * 1.048576 < 1000,
});

/** The report's section on the worst client. */
export function renderWorstMemory(m: WorstMemory | undefined): string {
  if (!m) return '_Not measured in this run._';
  return [
    'One server with the default limits (300 seeded accounts, 8 MiB and 50,000 items per tenant,',
    '128 MiB for all tenants), in its own process. Four clients fill tenants with PATCHes of a 97 kB',
    '`metadata` value until the server refuses; meanwhile four others export full tenants over and',
    'over (each read to the end) and two import those exports into fresh tenants. RSS read from',
    '/proc every 50 ms.',
    '',
    `| RSS at start | RSS peak | RSS at end | stored | tenants filled | PATCH | export | import | exported | duration |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${Math.round(m.rssAtStartMiB)} MiB | **${Math.round(m.rssPeakMiB)} MiB** | ${Math.round(m.rssAtEndMiB)} MiB | ${m.storedMiB.toFixed(0)} MiB | ${m.tenantsFilled} | ${formatTally(m.patches)} | ${formatTally(m.exports)} | ${formatTally(m.imports)} | ${m.exportedMiB.toFixed(0)} MiB | ${m.seconds.toFixed(0)} s |`,
  ].join('\n');
}
