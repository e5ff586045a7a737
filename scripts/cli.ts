/** A wrong command line: exit 2, the message (with the usage) on stderr. */
export class UsageError extends Error {}

/**
 * Runs a command's `main` and turns its outcome into the exit code: what it returns, 2 for a
 * UsageError, 1 for anything else; the error's message alone on stderr, never a stack trace.
 */
export function runCli(main: (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>): void {
  main(process.argv.slice(2), process.env)
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = error instanceof UsageError ? 2 : 1;
    });
}
