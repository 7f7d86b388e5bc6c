// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { Transcript } from "../../../components/transcript/Transcript";
import { decodeLine, formatTime } from "../../../components/transcript/decode";
import { maskSecrets } from "../../../sim/trace/labels";
import { load, propsFor, stepOfLine } from "../sequence/props";

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
    const step = stepOfLine(PASV, /^227 /);
    const { trace } = load(PASV);
    const reply = trace.events.find((e) => e.type === "reply" && e.code === 227);
    const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(reply?.type === "reply" ? reply.text : "")!;
    const port = Number(m[5]) * 256 + Number(m[6]);
    render(<Transcript {...propsFor(PASV, step)} />);
    expect(within(list()).getByText(`${m[1]}.${m[2]}.${m[3]}.${m[4]} port ${m[5]}×256+${m[6]} = ${port}`)).toBeTruthy();
  });

  it("decodes 229 as a port on the control connection's host", () => {
    render(<Transcript {...propsFor(EPSV, stepOfLine(EPSV, /^229 /))} />);
    expect(within(list()).getByText(/^port \d+ on the control connection's host$/)).toBeTruthy();
  });

  it("marks the current step's line with aria-current and highlights it", () => {
    const step = stepOfLine(PORT, /^PORT /);
    render(<Transcript {...propsFor(PORT, step)} />);
    const current = list().querySelector('[aria-current="step"]');
    expect(current).not.toBeNull();
    expect(current!.textContent).toContain("PORT 10,99,1,2,");
    expect(current!.textContent).toContain("Command:");
    expect(current!.textContent).toMatch(/10\.99\.1\.2 port \d+×256\+\d+ = \d+/);
    expect(list().querySelectorAll('[aria-current="step"]')).toHaveLength(1);
  });

  it("has no aria-current when the current step carries no line", () => {
    render(<Transcript {...propsFor(PORT, 0)} />);
    expect(document.querySelector('[aria-current="step"]')).toBeNull();
  });

  it("jumps to the step of a clicked line", () => {
    const onJump = vi.fn();
    const { timeline } = load(PORT);
    const last = timeline.steps.length - 1;
    render(<Transcript {...propsFor(PORT, last, { onJump })} />);
    fireEvent.click(within(list()).getAllByText("LIST")[0]!);
    expect(onJump).toHaveBeenCalledWith(stepOfLine(PORT, /^LIST$/));
    fireEvent.click(within(list()).getAllByText(/^425 Failed/)[0]!);
    expect(onJump).toHaveBeenLastCalledWith(stepOfLine(PORT, /^425 /));
  });

  it("hides later lines by default and fades them with reveal=all", () => {
    const step = stepOfLine(PORT, /^USER /);
    const { unmount } = render(<Transcript {...propsFor(PORT, step)} />);
    expect(within(list()).queryByText("QUIT")).toBeNull();
    expect(within(list()).getByText("USER demo")).toBeTruthy();
    unmount();
    render(<Transcript {...propsFor(PORT, step)} reveal="all" />);
    const quit = within(list()).getByText("QUIT").closest("li")!;
    expect(quit.className).toMatch(/future/);
  });

  it("never shows the password", () => {
    const { timeline } = load(PORT);
    render(<Transcript {...propsFor(PORT, timeline.steps.length - 1)} />);
    expect(within(list()).getByText("PASS ****")).toBeTruthy();
    expect(list().textContent).not.toContain("PASS demo");
  });

  it("marks encrypted lines as sent encrypted", () => {
    const step = stepOfLine(TLS, /^PORT /);
    render(<Transcript {...propsFor(TLS, step)} />);
    const current = list().querySelector('[aria-current="step"]')!;
    expect(current.textContent).toContain("🔒 sent encrypted");
    expect(within(list()).getByText("AUTH TLS").closest("li")!.textContent).not.toContain("🔒");
  });

  it("shows what the server received after the NAT helper rewrote PORT", () => {
    const step = stepOfLine(NAT_PORT, /^PORT /);
    render(<Transcript {...propsFor(NAT_PORT, step)} />);
    const current = list().querySelector('[aria-current="step"]')!;
    expect(current.textContent).toContain("PORT 192,168,1,10,");
    expect(current.textContent).toContain("rewritten by the client NAT router's FTP helper: the server received PORT 198,51,100,7,");
    expect(current.textContent).toMatch(/→ 198\.51\.100\.7 port \d+×256\+\d+ = \d+/);
  });
});
