/** The words the views and the narration use, explained once (the /glossary page and every tooltip). */
export interface GlossaryTerm {
  readonly id: string;
  readonly term: string;
  readonly definition: string;
  readonly source?: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  { id: "control-connection", term: "Control connection", definition: "The TCP connection the client opens to the server's port 21. Commands and replies travel on it for the whole session; no file data does.", source: "RFC 959 §2.3" },
  { id: "data-connection", term: "Data connection", definition: "A separate TCP connection for each listing, download or upload. It carries the bytes and closes when they are done.", source: "RFC 959 §2.3" },
  { id: "active-mode", term: "Active mode", definition: "The client listens and announces its address with PORT (or EPRT); the server opens the data connection, from its port 20.", source: "RFC 959 §3.2" },
  { id: "passive-mode", term: "Passive mode", definition: "The client sends PASV (or EPSV); the server listens on a port and announces it in its 227 (or 229) reply; the client opens the data connection.", source: "RFC 959 §4.1.2" },
  { id: "ephemeral-port", term: "Ephemeral port", definition: "A temporary port the operating system picks for one connection, on Linux from 32768–60999. Clients use them for every connection they open.", source: "Linux ip_local_port_range" },
  { id: "passive-range", term: "Passive range", definition: "The ports an FTP server may listen on for passive data connections (vsftpd pasv_min_port–pasv_max_port). A server firewall must let new connections into this range. With none set, the server takes any free port (vsftpd: any from 1024 up), so no firewall rule short of opening them all can let the data connection in.", source: "vsftpd.conf" },
  { id: "conntrack", term: "Conntrack", definition: "Linux's connection tracking: a stateful firewall remembers each connection and labels every packet NEW, ESTABLISHED, RELATED or INVALID, so rules can accept replies without opening ports.", source: "Linux netfilter" },
  { id: "related", term: "Related", definition: "A new connection that belongs to one already tracked — for FTP, a data connection the helper read in a PORT, EPRT, 227 or 229. 'ct state related accept' lets it in.", source: "Linux nf_conntrack_ftp" },
  { id: "ftp-helper", term: "FTP helper (ALG)", definition: "Firewall or router code that reads the FTP control connection to learn the data connection in advance: it marks it related and, behind NAT, rewrites the address in the message. Linux attaches it only when a ruleset says so (since 4.7); TLS blinds it.", source: "Linux nf_conntrack_ftp, nf_nat_ftp" },
  { id: "nat", term: "NAT", definition: "Network address translation: a router rewrites addresses and ports of packets crossing it, so hosts with private addresses can share one public address. Connections from outside reach the inside only through a port forward or a helper.", source: "RFC 3022" },
  { id: "masquerade", term: "Masquerade", definition: "Source NAT to the router's own public address: every connection from inside appears to come from the router (Linux keeps the source port when it is free).", source: "Linux iptables/nftables" },
  { id: "port-forward", term: "Port forward", definition: "A rule on a NAT router that sends new connections arriving at one of its public ports to a host inside.", source: "Linux DNAT" },
  { id: "security-group", term: "Security group", definition: "A cloud provider's stateful firewall in front of a virtual machine (AWS; GCP and Azure call theirs firewall rules and network security groups): it lets in only the ports its inbound rules list, and replies to the VM's own connections. It is not the VM's firewall: the VM never sees what it drops.", source: "AWS VPC security groups" },
  { id: "one-to-one-nat", term: "1:1 NAT", definition: "One public address mapped to one private address, every port: a cloud VM's public IP. The VM knows only its private address, so an FTP server on it names that one in its 227 reply unless told the public one (vsftpd pasv_address).", source: "AWS internet gateway" },
  { id: "published-port", term: "Published port", definition: "A port of the Docker host that Docker forwards to a container (docker run -p 21:21). Every port the container's FTP server may use for passive mode must be published too; the container knows only its bridge address, 172.17.0.x.", source: "docker run --publish" },
  { id: "private-address", term: "Private address", definition: "An address from 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16: it works inside one network and cannot be reached from the internet.", source: "RFC 1918" },
  { id: "three-way-handshake", term: "Three-way handshake", definition: "SYN, SYN-ACK, ACK: how every TCP connection opens. Whoever sends the SYN opened the connection.", source: "RFC 9293 §3.5" },
  { id: "drop-reject", term: "Drop vs reject", definition: "A dropped packet vanishes: the sender retries and waits until it gives up. A rejected one is answered (a TCP reset), so the sender fails at once.", source: "Linux nftables" },
  { id: "bounce-attack", term: "Bounce attack", definition: "Using PORT to make an FTP server connect to a third host. Servers refuse PORT to any address but the client's own, and to ports below 1024.", source: "RFC 2577" },
  { id: "ftps", term: "FTPS", definition: "FTP over TLS: AUTH TLS encrypts the control connection, PROT P the data connections. Firewalls and routers can no longer read PORT or 227.", source: "RFC 4217" },
];

export const GLOSSARY_BY_ID: ReadonlyMap<string, GlossaryTerm> = new Map(GLOSSARY.map((t) => [t.id, t]));
