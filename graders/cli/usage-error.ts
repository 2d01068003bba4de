/** A mistake in how the CLI was called: exit status 2 and the usage text. */
export class UsageError extends Error {}
