/**
 * Exit statuses a script can rely on; `interlink --help` and the README print this table. Anything not listed
 * here is never returned.
 */
export const EXIT = {
  /** Done: Active after apply, Deleted after destroy, the operation watched succeeded, healthy, or shown. */
  ok: 0,
  /** Not done: the operation failed (its failed step and the cloud's code and message are printed), or you declined at the prompt. */
  failed: 1,
  /** Invalid input: bad arguments, a request that does not parse or validate (the field and the rule are printed), or a prompt needed without a terminal. */
  invalid: 2,
  /** Interlink cannot be reached, refused the key, or answered something that is not Interlink's API. */
  unreachable: 3,
  /** --timeout passed before the operation ended; it carries on. */
  timedOut: 4,
  /** health: the verdict is degraded or down. */
  unhealthy: 5,
  /** No interconnect (or, for `interlink vpn`, VPN link) of that name. */
  notFound: 6,
  /** Conflict: another operation is running on it, it exists with a different specification, or it cannot do that (rotate-key on a point-to-site link). */
  conflict: 7,
  /** Interrupted (Ctrl-C) while following an operation; it carries on. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_TABLE = `Exit status:
  0    done: Active after apply, Deleted after destroy, the followed operation succeeded, healthy, or shown
  1    the operation failed (the failed step and the cloud's code and message are printed), or you declined
  2    invalid input: arguments, a request file that does not validate (field and rule printed), or a prompt
       needed while standard input is not a terminal (pass --yes)
  3    cannot reach Interlink, the key was refused, or the answer was not Interlink's API
  4    timed out (--timeout); the operation carries on
  5    health: degraded or down
  6    no interconnect (interlink vpn: VPN link) of that name
  7    conflict: another operation is running, the name exists with a different specification, or the link
       cannot do that (rotate-key on a point-to-site or VNet-to-VNet link)
  130  interrupted (Ctrl-C); the operation carries on`;
