/**
 * The logs "Pick an example" offers: four programs, four causes, written as the programs write
 * them (adapted from test/real/fixtures/software/clients/*.log, ../shared/reference/transcripts/*.curl.txt
 * and the FileZilla logs quoted in test/real/fixtures/software/DOCUMENTED.md). Addresses are the
 * documentation ranges (RFC 5737) and private ones; the passwords are made up, and masked on screen.
 */
export interface LogExample {
  readonly id: string;
  readonly label: string;
  /** One sentence: what the log shows. */
  readonly about: string;
  readonly text: string;
}

export const EXAMPLES: readonly LogExample[] = [
  {
    id: "filezilla-passive-timeout",
    label: "FileZilla: the listing hangs in passive mode",
    about: "FileZilla's message log against vsftpd: logged in, PASV answered with the server's public address, then nothing until the 20-second timeout.",
    text: "Status:\tResolving address of ftp.example.net\nStatus:\tConnecting to 203.0.113.5:21...\nStatus:\tConnection established, waiting for welcome message...\nResponse:\t220 (vsFTPd 3.0.3)\nCommand:\tUSER webdev\nResponse:\t331 Please specify the password.\nCommand:\tPASS hunter2\nResponse:\t230 Login successful.\nStatus:\tLogged in\nStatus:\tRetrieving directory listing...\nCommand:\tPWD\nResponse:\t257 \"/home/webdev\" is the current directory\nCommand:\tTYPE I\nResponse:\t200 Switching to Binary mode.\nCommand:\tPASV\nResponse:\t227 Entering Passive Mode (203,0,113,5,156,64).\nCommand:\tMLSD\nError:\tConnection timed out after 20 seconds of inactivity\nError:\tFailed to retrieve directory listing\nStatus:\tDisconnected from server\n",
  },
  {
    id: "curl-active-425",
    label: "curl -v: active mode, 425 from the server",
    about: "curl -v with --ftp-port against vsftpd behind a client firewall: the PORT is accepted, then the server cannot connect back (425).",
    text: "$ curl -v --ftp-port - -u alice:s3cr3t ftp://10.99.2.2/pub/\n*   Trying 10.99.2.2:21...\n* Connected to 10.99.2.2 (10.99.2.2) port 21 (#0)\n< 220 (vsFTPd 3.0.3)\n> USER anonymous\n< 230 Login successful.\n> PWD\n< 257 \"/\" is the current directory\n* Entry path is '/'\n> CWD pub\n* ftp_perform ends with SECONDARY: 0\n< 250 Directory successfully changed.\n> PORT 10,99,1,2,221,43\n* sa_addr inet_ntop() failed with errno 97: Address family not supported by protocol\n< 200 PORT command successful. Consider using PASV.\n* Connect data stream actively\n> TYPE A\n< 200 Switching to ASCII mode.\n> LIST\n< 425 Failed to establish connection.\n* RETR response: 425\n* Remembering we are in dir \"pub/\"\n* Connection #0 to host 10.99.2.2 left intact\ncurl: (19) sa_addr inet_ntop() failed with errno 97: Address family not supported by protocol\n",
  },
  {
    id: "lftp-wrong-227-address",
    label: "lftp debug: the 227 names an address nobody can reach",
    about: "lftp's debug log: the server announces an old public address in its 227 reply, lftp dials it and the data connection times out.",
    text: "---- Resolving host address...\n---- 1 address found: 203.0.113.5\n---- Connecting to ftp.example.org (203.0.113.5) port 21\n<--- 220 (vsFTPd 3.0.3)\n---> FEAT\n<--- 211-Features:\n<---  EPRT\n<---  EPSV\n<---  MDTM\n<---  PASV\n<---  REST STREAM\n<---  SIZE\n<---  TVFS\n<--- 211 End\n---> USER media\n<--- 331 Please specify the password.\n---> PASS m3dia-pass\n<--- 230 Login successful.\n---> PWD\n<--- 257 \"/home/media\" is the current directory\n---> PASV\n<--- 227 Entering Passive Mode (198,51,100,23,82,12).\n---- Connecting data socket to (198.51.100.23) port 21004\n**** Socket error (Connection timed out) - reconnecting\n---- Closing data socket\n---- Closing control socket\n",
  },
  {
    id: "vsftpd-server-log",
    label: "vsftpd's own log: a client's PORT and then 425",
    about: "vsftpd with log_ftp_protocol=YES, seen from the server: the client's PORT is accepted, and a minute later the server gives up connecting back (425 Failed to establish connection).",
    text: "Tue Mar  3 14:02:11 2026 [pid 20412] CONNECT: Client \"198.51.100.7\"\nTue Mar  3 14:02:11 2026 [pid 20412] FTP response: Client \"198.51.100.7\", \"220 (vsFTPd 3.0.3)\"\nTue Mar  3 14:02:11 2026 [pid 20412] FTP command: Client \"198.51.100.7\", \"USER backup\"\nTue Mar  3 14:02:11 2026 [pid 20412] [backup] FTP response: Client \"198.51.100.7\", \"331 Please specify the password.\"\nTue Mar  3 14:02:11 2026 [pid 20412] FTP command: Client \"198.51.100.7\", \"PASS <password>\"\nTue Mar  3 14:02:11 2026 [pid 20411] [backup] OK LOGIN: Client \"198.51.100.7\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP response: Client \"198.51.100.7\", \"230 Login successful.\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP command: Client \"198.51.100.7\", \"PWD\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP response: Client \"198.51.100.7\", \"257 \"/home/backup\" is the current directory\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP command: Client \"198.51.100.7\", \"TYPE I\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP response: Client \"198.51.100.7\", \"200 Switching to Binary mode.\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP command: Client \"198.51.100.7\", \"PORT 198,51,100,7,195,149\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP response: Client \"198.51.100.7\", \"200 PORT command successful. Consider using PASV.\"\nTue Mar  3 14:02:11 2026 [pid 20413] [backup] FTP command: Client \"198.51.100.7\", \"LIST\"\nTue Mar  3 14:03:11 2026 [pid 20413] [backup] FTP response: Client \"198.51.100.7\", \"425 Failed to establish connection.\"\nTue Mar  3 14:03:14 2026 [pid 20413] [backup] FTP command: Client \"198.51.100.7\", \"QUIT\"\nTue Mar  3 14:03:14 2026 [pid 20413] [backup] FTP response: Client \"198.51.100.7\", \"221 Goodbye.\"\n",
  },
];
