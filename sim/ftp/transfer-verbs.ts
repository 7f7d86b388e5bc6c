/**
 * The commands that move bytes over a data connection (RFC 959 §4.1.3), each described once:
 * which end sends (what a client sends around it is its program's: sim/software), what vsftpd 3.0.3
 * checks before it sets up the data connection, its 150 and 226 in its own words, and where the
 * bytes come from or go to on the server. The client (curl) and the server (vsftpd) both read
 * this table; a verb that is not in it is not a transfer for either.
 */
import { byteLength, fileContent, longListing, nameListing, type FileStore } from "./files";
import type { Reply, ServerReplies } from "./replies";

interface VerbCommon {
  /** vsftpd opens the file before it sets up the data connection: a refusal costs no connection. */
  refusal(name: string, files: FileStore, replies: ServerReplies): Reply | null;
  /** The server's 150, once the data connection is open (RFC 959 §5.4: 150, then the bytes), in its own words. */
  opening(name: string, files: FileStore, replies: ServerReplies): Reply;
  /** The server's 226, once the data connection closed in order. */
  completion(replies: ServerReplies): Reply;
}

export type TransferVerb =
  | (VerbCommon & {
      readonly sender: "server";
      /** What the server sends. */
      content(name: string, files: FileStore): string;
    })
  | (VerbCommon & {
      readonly sender: "client";
      /** The file once the client's bytes have arrived (`before`: what was there). */
      stored(before: string | undefined, received: string): string;
    });

/** vsftpd refuses a name with a slash or a leading blank before anything else ("553 Could not create file."). */
const creatable = (name: string, _files: FileStore, r: ServerReplies): Reply | null => (/^[^/\s][^/]*$/.test(name) ? null : r.couldNotCreate);

const TABLE = {
  LIST: {
    sender: "server",
    refusal: () => null,
    opening: (_name, _files, r) => r.listing,
    completion: (r) => r.listingDone,
    content: (_name, files) => longListing(files),
  },
  NLST: {
    sender: "server",
    refusal: () => null,
    opening: (_name, _files, r) => r.listing,
    completion: (r) => r.listingDone,
    content: (_name, files) => nameListing(files),
  },
  RETR: {
    sender: "server",
    refusal: (name, files, r) => (fileContent(files, name) === undefined ? (r.naming?.failedToOpen(name) ?? r.failedToOpen) : null),
    opening: (name, files, r) => r.retrOpening(name, byteLength(fileContent(files, name) ?? "")),
    completion: (r) => r.transferComplete,
    content: (name, files) => fileContent(files, name) ?? "",
  },
  STOR: {
    sender: "client",
    refusal: creatable,
    opening: (_name, _files, r) => r.storReady,
    completion: (r) => r.transferComplete,
    stored: (_before, received) => received,
  },
  APPE: {
    sender: "client",
    refusal: creatable,
    opening: (_name, _files, r) => r.storReady,
    completion: (r) => r.transferComplete,
    stored: (before, received) => (before ?? "") + received,
  },
} satisfies Record<string, TransferVerb>;

export type TransferVerbName = keyof typeof TABLE;

export const TRANSFER_VERBS: Readonly<Record<TransferVerbName, TransferVerb>> = TABLE;

/** `verb` upper-cased, as RFC 959 §5.3 makes verbs case-insensitive (parseCommand does). */
export const isTransferVerb = (verb: string): verb is TransferVerbName => Object.hasOwn(TRANSFER_VERBS, verb);
