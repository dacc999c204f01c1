/** What each command's help says it does: one text for the top-level list and the command itself. */
export const COMMAND_SUMMARIES = {
  serve: 'start the mock Togai Accounts API, seeded and stateful',
  contract: 'check a live server against the OpenAPI contract, cursor pagination included',
  proxy: 'forward to a server, judging every exchange against the contract (and record it)',
  spec: 'work with OpenAPI descriptions',
} as const;
