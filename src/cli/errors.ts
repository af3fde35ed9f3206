/** Bad command line: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

/** A file could not be read or written: exit code 1. */
export class IoError extends Error {}

export const EXIT_OK = 0;
export const EXIT_IO = 1;
export const EXIT_USAGE = 2;
