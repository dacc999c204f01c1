/** Why a run could not start: bad options, an unusable spec, or a server that does not answer. Exit code 2. */
export class ContractSetupError extends Error {
  readonly kind: 'usage' | 'spec' | 'unreachable';
  constructor(kind: ContractSetupError['kind'], message: string) {
    super(message);
    this.name = 'ContractSetupError';
    this.kind = kind;
  }
}
