export interface ConfigIssue {
  /** The environment variable(s) at fault, e.g. `JWT_SECRET` or `CATALOG_DATABASE_URL or DATABASE_URL`. */
  readonly variable: string;
  readonly problem: string;
}

/** The environment cannot run the service. The message lists every problem and never a value. */
export class ConfigError extends Error {
  constructor(
    readonly issues: readonly ConfigIssue[],
    service?: string,
  ) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const heading = `Invalid environment${service ? ` for ${service}` : ''} (${count}):`;
    super([heading, ...issues.map((issue) => `  - ${issue.variable}: ${issue.problem}`)].join('\n'));
    this.name = 'ConfigError';
  }
}
