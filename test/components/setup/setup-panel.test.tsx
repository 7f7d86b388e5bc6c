// @vitest-environment jsdom
/**
 * The setup panel draws every knob of the registry, each with its accessible name and its
 * options' labels, disabled exactly where the knob does not apply, and changes the setup as the
 * registry says. Nothing here names a knob: the registry plus one entry is drawn the same way.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { SetupPanel } from "../../../components/setup/SetupPanel";
import { setupToScenario } from "../../../components/lab/setup-model";
import { GLOSSARY_BY_ID } from "../../../components/glossary/terms";
import { KNOBS, defaultSettings, isYesNo, knobApplies, settingOf, withSetting, withSettingFollowed, type AnySettings, type Knob } from "../../../sim/scenario/knobs";
import { toScenario } from "../../../sim/scenario/validate";
import { SERVER_PROFILES } from "../../../sim/software/profiles";
import { EXTRA_KNOB, WITH_EXTRA, everythingApplies } from "./knob-fixtures";

afterEach(cleanup);
const BASE = toScenario({});

/**
 * The label, then the hint when there is one, then the server program's name for the setting
 * when the knob stands for one — of whichever server program the setup chose (jsdom computes the
 * name without the space between).
 */
const nameOf = (k: Knob) => (name: string) => {
  const settings = k.setting ? Object.values(SERVER_PROFILES).map((p) => `(${p!.name}: ${p!.options[k.setting!]})`) : [""];
  return settings.some((setting) => name.replace(/\s+/g, "") === `${k.label}${k.hint ?? ""}${setting}`.replace(/\s+/g, ""));
};

/** The control(s) of a knob, found by role and accessible name as a screen reader would. */
function controlsOf(k: Knob): HTMLElement[] {
  switch (k.kind) {
    case "choice":
      if (isYesNo(k)) return [screen.getByRole("checkbox", { name: nameOf(k) })];
      if (k.control === "radio") return within(screen.getByRole("radiogroup", { name: k.label })).getAllByRole("radio");
      return [screen.getByRole("combobox", { name: nameOf(k) })];
    case "portRange":
      return [screen.getByRole("spinbutton", { name: `${k.label}, lowest port` }), screen.getByRole("spinbutton", { name: `${k.label}, highest port` })];
    case "list":
      return within(screen.getByRole("group", { name: k.label })).getAllByRole("checkbox");
  }
}

function renderPanel(knobs: readonly Knob[], setup: AnySettings, onChange = vi.fn()) {
  render(<SetupPanel setup={setup} scenario={setupToScenario(setup, BASE, knobs)} onChange={onChange} knobs={knobs} />);
  return onChange;
}

describe("the setup panel", () => {
  for (const [name, knobs] of [["the registry", KNOBS as readonly Knob[]], ["the registry plus client.activePort", WITH_EXTRA]] as const) {
    it(`draws every knob of ${name} with its accessible name, its options' labels and its glossary term`, () => {
      renderPanel(knobs, defaultSettings(knobs));
      for (const k of knobs) {
        const controls = controlsOf(k);
        if (k.kind === "choice" && !isYesNo(k)) {
          const shown = k.control === "radio" ? controls.map((r) => r.closest("label")!.textContent) : within(controls[0]!).getAllByRole("option").map((o) => o.textContent);
          expect(shown, k.path).toEqual(k.options.map((o) => o.label));
        }
        if (k.kind === "list") expect(controls.map((c) => c.closest(".setup-check")!.textContent), k.path).toEqual(k.options.map((o) => o.label));
        if (k.term) expect(screen.getAllByRole("button", { name: GLOSSARY_BY_ID.get(k.term)!.term }).length, k.path).toBeGreaterThan(0);
      }
    });

    it(`disables a knob of ${name} exactly where it does not apply`, () => {
      for (const setup of [defaultSettings(knobs), everythingApplies(knobs)]) {
        const scenario = setupToScenario(setup, BASE, knobs);
        renderPanel(knobs, setup);
        for (const k of knobs) {
          for (const c of controlsOf(k)) expect((c as HTMLInputElement).disabled, k.path).toBe(!knobApplies(k, scenario));
        }
        cleanup();
      }
    });

    it(`sets any option of ${name}'s choices as the registry says`, () => {
      const setup = everythingApplies(knobs);
      for (const k of knobs) {
        if (k.kind !== "choice") continue;
        const other = k.options.find((o) => o.value !== settingOf(k, setup))!;
        const onChange = renderPanel(knobs, setup);
        const [control] = isYesNo(k) || k.control !== "radio" ? controlsOf(k) : controlsOf(k).filter((r) => r.closest("label")!.textContent === other.label);
        if (isYesNo(k) || k.control === "radio") fireEvent.click(control!);
        else fireEvent.change(control!, { target: { value: String(other.value) } });
        // The knob's own setting, and for a program switch the settings still at the old program's defaults.
        expect(onChange, k.path).toHaveBeenCalledWith(withSettingFollowed(setup, setupToScenario(setup, BASE, knobs), k, other.value, knobs));
        cleanup();
      }
    });
  }

  it("keeps the commands in their order and the passive range low ≤ high", () => {
    const setup = defaultSettings(KNOBS);
    const onChange = renderPanel(KNOBS, setup);
    fireEvent.click(screen.getByRole("checkbox", { name: "STOR upload.txt" }));
    expect(onChange).toHaveBeenLastCalledWith({ ...setup, commands: ["LIST", "RETR", "STOR"] });
    fireEvent.change(screen.getByRole("spinbutton", { name: "Passive range, lowest port" }), { target: { value: "40000" } });
    expect(onChange).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByRole("spinbutton", { name: "Passive range, lowest port" }), { target: { value: "30005" } });
    expect(onChange).toHaveBeenLastCalledWith({ ...setup, passiveLow: 30005 });
  });

  it("switching the server program moves the settings still at the old program's defaults, and keeps the learner's", () => {
    const setup = defaultSettings(KNOBS);
    let onChange = renderPanel(KNOBS, setup);
    fireEvent.change(screen.getByRole("combobox", { name: "Server program" }), { target: { value: "proftpd" } });
    // vsftpd's port 20 was a default: ProFTPD's anonymous sessions connect from an ephemeral port.
    expect(onChange).toHaveBeenLastCalledWith({ ...setup, serverSoftware: "proftpd", activeSourcePort: "ephemeral" });
    cleanup();
    const chosen = { ...setup, activeSourcePort: "ephemeral" as const };
    onChange = renderPanel(KNOBS, chosen);
    fireEvent.change(screen.getByRole("combobox", { name: "Server program" }), { target: { value: "pure-ftpd" } });
    // The learner's ephemeral stays: it was not vsftpd's default.
    expect(onChange).toHaveBeenLastCalledWith({ ...chosen, serverSoftware: "pure-ftpd" });
  });

  it("puts a new entry in its section", () => {
    renderPanel(WITH_EXTRA, defaultSettings(WITH_EXTRA));
    const section = screen.getByRole("group", { name: "Mode" });
    expect(within(section).getByRole("combobox", { name: EXTRA_KNOB.label })).toBeTruthy();
  });
});

describe("the programs", () => {
  it("say under the select how the lab knows the chosen program: checked, or modelled from documentation", () => {
    const setup = withSetting(defaultSettings(KNOBS), KNOBS.find((k) => k.path === "client.software")!, "filezilla");
    renderPanel(KNOBS, setup);
    const select = screen.getByRole("combobox", { name: "Client program" });
    expect(select.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(select.getAttribute("aria-describedby")!)!.textContent).toBe("FileZilla: modelled from its source and documentation, not checked against the real program.");
    const server = screen.getByRole("combobox", { name: "Server program" });
    expect(document.getElementById(server.getAttribute("aria-describedby")!)!.textContent).toBe("vsftpd: checked against the real program.");
  });
});
