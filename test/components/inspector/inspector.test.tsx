// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { PacketInspector } from "../../../components/inspector/PacketInspector";
import { lab } from "../../harness/lab";

afterEach(cleanup);

const PORT = "test/fixtures/reference/cli-fw--port.json";
const NAT_PORT = "test/scenarios/client-nat-helper-port.json";
const TLS = "test/scenarios/tls-blinds-helper.json";


describe("PacketInspector", () => {
  it("shows a hint when no packet is selected and the step has none", () => {
    render(<PacketInspector {...lab(PORT).at({ start: true }).props} />);
    expect(screen.getByText("Select a packet in the network or sequence view")).toBeTruthy();
  });

  it("shows the conntrack state and the deciding rule for a dropped SYN", () => {
    const { container } = render(<PacketInspector {...lab(PORT).at({ syn: "data", by: "server" }).props} />);
    const hop = screen.getByRole("heading", { name: /the client firewall \(inbound\)/ }).closest("li")!;
    const text = hop.textContent!;
    expect(text).toContain("conntrack stateNEW");
    expect(text).toContain("deciding rulepolicy drop");
    expect(text).toContain("verdictdrop");
    expect(container.textContent).toContain("Dropped by the client firewall (policy drop)");
    expect(container.textContent).toContain("0x002 (SYN)");
    // The SYN is sequence number 0, relative.
    const seqRow = screen.getByRole("rowheader", { name: "Sequence number" }).closest("tr")!;
    expect(seqRow.textContent).toMatch(/^Sequence number0 \(relative\)\d+ \(raw\)$/);
  });

  it("shows the NAT rewrite of a PORT command before and after, and the helper's expectation", () => {
    const id = lab(NAT_PORT).at({ command: "PORT" }).journey!.id;
    const { container } = render(<PacketInspector {...lab(NAT_PORT).at({ start: true }, { selectedPacket: id }).props} />);
    const nat = screen.getByRole("heading", { name: /^⇄ the client NAT router/ }).closest("li")!;
    expect(nat.textContent).toMatch(/source192\.168\.1\.10:50471 private → becomes  198\.51\.100\.7:50471/);
    expect(nat.textContent).toMatch(/PORT 192,168,1,10,\d+,\d+ → becomes  PORT 198,51,100,7,\d+,\d+/);
    const expect_ = screen.getByRole("heading", { name: /FTP helper read PORT/ }).closest("li")!;
    expect(expect_.textContent).toMatch(/a connection from 203\.0\.113\.5 to 198\.51\.100\.7:\d+/);
    expect(expect_.textContent).toMatch(/forwards it to192\.168\.1\.10:\d+/);
    // Two capture points: as sent, and after the router.
    expect(screen.getAllByRole("columnheader", { name: "as sent by the client" })).toHaveLength(2);
    expect(screen.getAllByRole("columnheader", { name: "after the client NAT router" })).toHaveLength(2);
    expect(container.textContent).toContain("Selected packet");
  });

  it("prefers the selected packet and can go back to following the step", () => {
    const onSelectPacket = vi.fn();
    render(<PacketInspector {...lab(PORT).at(1, { selectedPacket: lab(PORT).at(2).journey!.id, onSelectPacket }).props} />);
    expect(screen.getByText(/step 3 ·/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Follow the current step" }));
    expect(onSelectPacket).toHaveBeenCalledWith(null);
  });

  it("counts the SYN-ACK's acknowledgment relative to the client's ISN", () => {
    const { container } = render(<PacketInspector {...lab(PORT).at(2).props} />);
    // Named as on the arrow and the packet box; the Flags row keeps Wireshark's field.
    expect(container.textContent).toContain("SYN-ACK from the server");
    expect(container.textContent).toContain("0x012 (SYN, ACK)");
    const ackRow = screen.getByRole("rowheader", { name: "Acknowledgment number" }).closest("tr")!;
    expect(ackRow.textContent).toMatch(/^Acknowledgment number1 \(relative\)/);
  });

  it("shows TLS payloads as ciphertext", () => {
    const { container } = render(<PacketInspector {...lab(TLS).at({ command: "PORT" }).props} />);
    expect(container.textContent).toMatch(/ciphertext \(TLS\) — \d+ bytes/);
  });
});
