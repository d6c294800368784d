/** An expected failure while building the Teams package: its message is one line for the user. */
export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}
