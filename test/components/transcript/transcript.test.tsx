// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { Transcript } from "../../../components/transcript/Transcript";
import { decodeLine, formatTime } from "../../../components/transcript/decode";
import { maskSecrets } from "../../../sim/trace/labels";
import { lab } from "../../harness/lab";

afterEach(cleanup);

const PASV = "test/fixtures/reference/open--pasv.json";
const EPSV = "test/fixtures/reference/open--epsv.json";
const PORT = "test/fixtures/reference/cli-fw--port.json";
const NAT_PORT = "test/scenarios/client-nat-helper-port.json";
const TLS = "test/scenarios/tls-blinds-helper.json";

const list = () => screen.getByRole("list", { name: "Control connection transcript" });

describe("decode", () => {
  it("shows the PORT arithmetic", () => {
    expect(decodeLine("PORT 10,99,1,2,117,70")).toBe("10.99.1.2 port 117×256+70 = 30022");
    expect(decodeLine("227 Entering Passive Mode (10,99,2,2,117,90).")).toBe("10.99.2.2 port 117×256+90 = 30042");
    expect(decodeLine("229 Entering Extended Passive Mode (|||30042|)")).toBe("port 30042 on the control connection's host");
    expect(decodeLine("EPRT |1|10.99.1.2|30022|")).toBe("10.99.1.2 port 30022");
    expect(decodeLine("LIST")).toBeNull();
    expect(maskSecrets("PASS hunter2")).toBe("PASS ****");
    expect(formatTime(150)).toBe("150 ms");
    expect(formatTime(3150)).toBe("3.15 s");
    expect(formatTime(3000)).toBe("3 s");
  });
});

describe("Transcript", () => {
  it("decodes the 227 reply inline with its arithmetic", () => {
    const { trace } = lab(PASV);
    const reply = trace.events.find((e) => e.type === "reply" && e.code === 227);
    const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(reply?.type === "reply" ? reply.text : "")!;
    const port = Number(m[5]) * 256 + Number(m[6]);
    render(<Transcript {...lab(PASV).at({ reply: 227 }).props} />);
    expect(within(list()).getByText(`${m[1]}.${m[2]}.${m[3]}.${m[4]} port ${m[5]}×256+${m[6]} = ${port}`)).toBeTruthy();
  });

  it("decodes 229 as a port on the control connection's host", () => {
    render(<Transcript {...lab(EPSV).at({ reply: 229 }).props} />);
    expect(within(list()).getByText(/^port \d+ on the control connection's host$/)).toBeTruthy();
  });

  it("marks the current step's line with aria-current and highlights it", () => {
    render(<Transcript {...lab(PORT).at({ command: "PORT" }).props} />);
    const current = list().querySelector('[aria-current="step"]');
    expect(current).not.toBeNull();
    expect(current!.textContent).toContain("PORT 10,99,1,2,");
    expect(current!.textContent).toContain("Command:");
    expect(current!.textContent).toMatch(/10\.99\.1\.2 port \d+×256\+\d+ = \d+/);
    expect(list().querySelectorAll('[aria-current="step"]')).toHaveLength(1);
  });

  it("has no aria-current when the current step carries no line", () => {
    render(<Transcript {...lab(PORT).at(0).props} />);
    expect(document.querySelector('[aria-current="step"]')).toBeNull();
  });

  it("jumps to the step of a clicked line", () => {
    const onJump = vi.fn();
    render(<Transcript {...lab(PORT).at({ end: true }, { onJump }).props} />);
    fireEvent.click(within(list()).getAllByText("LIST")[0]!);
    expect(onJump).toHaveBeenCalledWith(lab(PORT).stepOf({ command: "LIST" }));
    fireEvent.click(within(list()).getAllByText(/^425 Failed/)[0]!);
    expect(onJump).toHaveBeenLastCalledWith(lab(PORT).stepOf({ reply: 425 }));
  });

  it("hides later lines by default and fades them with reveal=all", () => {
    const step = lab(PORT).stepOf({ command: "USER" });
    const { unmount } = render(<Transcript {...lab(PORT).at(step).props} />);
    expect(within(list()).queryByText("QUIT")).toBeNull();
    expect(within(list()).getByText("USER demo")).toBeTruthy();
    unmount();
    render(<Transcript {...lab(PORT).at(step).props} reveal="all" />);
    const quit = within(list()).getByText("QUIT").closest("li")!;
    expect(quit.className).toMatch(/future/);
  });

  it("never shows the password", () => {
    render(<Transcript {...lab(PORT).at({ end: true }).props} />);
    expect(within(list()).getByText("PASS ****")).toBeTruthy();
    expect(list().textContent).not.toContain("PASS demo");
  });

  it("marks encrypted lines as sent encrypted", () => {
    const step = lab(TLS).stepOf({ command: "PORT" });
    render(<Transcript {...lab(TLS).at(step).props} />);
    const current = list().querySelector('[aria-current="step"]')!;
    expect(current.textContent).toContain("🔒 sent encrypted");
    expect(within(list()).getByText("AUTH TLS").closest("li")!.textContent).not.toContain("🔒");
  });

  it("shows what the server received after the NAT helper rewrote PORT", () => {
    const step = lab(NAT_PORT).stepOf({ command: "PORT" });
    render(<Transcript {...lab(NAT_PORT).at(step).props} />);
    const current = list().querySelector('[aria-current="step"]')!;
    expect(current.textContent).toContain("PORT 192,168,1,10,");
    expect(current.textContent).toContain("rewritten by the client NAT router's FTP helper: the server received PORT 198,51,100,7,");
    expect(current.textContent).toMatch(/→ 198\.51\.100\.7 port \d+×256\+\d+ = \d+/);
  });
});
