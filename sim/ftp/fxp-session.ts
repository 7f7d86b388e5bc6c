/**
 * A server-to-server transfer from the client's chair, as pure decisions (RFC 959 §2.3 and its
 * figure 2: "the user … sets up control connections with two servers … and arranges for the
 * transfer of data between them"). The client is a script with two control connections, the way
 * Python's ftplib drives it in test/real/multi-host: log in to A, then to B, TYPE I on each;
 * PASV to A; PORT (or EPRT, RFC 2428 §2) naming A's address and port to B; then RETR to A and
 * STOR to B without waiting in between, since neither server answers its command with a final
 * reply before the data connection between them has come and gone. The fxp machine sequences these.
 */
import type { Endpoint } from "../net/addresses";
import { formatEprtArgument, formatHostPort } from "./hostport";

/** The two control connections: A sends the file (PASV, RETR), B receives it (PORT, STOR). */
export type Side = "A" | "B";

export interface FxpPlan {
  readonly userName: string;
  readonly password: string;
  /** The file on A, and the name B stores it under. */
  readonly file: string;
  readonly as: string;
  readonly announce: "PORT" | "EPRT";
  readonly order: "retr-first" | "stor-first";
}

export interface Line {
  readonly side: Side;
  readonly text: string;
}

/** ftplib's login() and voidcmd("TYPE I"), on A and then on B (the script logs in one server at a time). */
export function loginLines(plan: FxpPlan): Line[] {
  return (["A", "B"] as const).flatMap((side) => [
    { side, text: `USER ${plan.userName}` },
    { side, text: `PASS ${plan.password}` },
    { side, text: "TYPE I" },
  ]);
}

/** The line that tells B where to connect: A's passive address, as A's 227 wrote it. */
export function announceLine(plan: FxpPlan, a: Endpoint): Line {
  return { side: "B", text: plan.announce === "PORT" ? `PORT ${formatHostPort(a)}` : `EPRT ${formatEprtArgument(a)}` };
}

/** RETR to A and STOR to B, in the plan's order, sent one after the other without waiting. */
export function transferLines(plan: FxpPlan): Line[] {
  const lines: Line[] = [
    { side: "A", text: `RETR ${plan.file}` },
    { side: "B", text: `STOR ${plan.as}` },
  ];
  return plan.order === "retr-first" ? lines : lines.reverse();
}

/** ftplib's quit(), to A and then to B: each waits for its 221. */
export const quitLines = (): Line[] => [
  { side: "A", text: "QUIT" },
  { side: "B", text: "QUIT" },
];

/** A reply that lets a login line through: 2yz, or 3yz (331 asks for the password). */
export const loginAccepts = (code: number): boolean => code >= 200 && code < 400;
