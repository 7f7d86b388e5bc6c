// @vitest-environment jsdom
/**
 * A try-it step shows each knob it unlocks as the registry has it: the knob's label as the
 * select's accessible name, the options' labels, the glossary term; a choice hands the player
 * the scenario the registry's write makes, and "Back" hands back the lesson's own.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { TryIt } from "../../../components/lessons/TryIt";
import { GLOSSARY_BY_ID } from "../../../components/glossary/terms";
import { TOGGLES, TOGGLE_NAMES, applyToggle, toggleValue, type Toggle } from "../../../lessons/lesson-model";
import { toScenario } from "../../../sim/scenario/validate";
import { knobSetting } from "../../../sim/scenario/knobs";

afterEach(cleanup);

// Both hosts behind NAT, a passive range: every knob applies.
const SCENARIO = toScenario({
  client: { nat: { publicIp: "198.51.100.7" } },
  server: { passivePorts: [3000, 3009], nat: { publicIp: "203.0.113.5", forward: [21, [3000, 3009]] } },
});

describe("TryIt", () => {
  for (const name of TOGGLE_NAMES) {
    it(`shows ${name} with the registry's label, options and term, and applies a choice`, () => {
      const knob: Toggle = TOGGLES[name];
      const onChange = vi.fn();
      render(<TryIt toggles={[name]} lookFor="Look." original={SCENARIO} current={SCENARIO} onChange={onChange} />);
      const setting = knobSetting(knob, SCENARIO);
      const select = screen.getByRole("combobox", { name: (n) => n.replace(/\s+/g, "") === `${knob.label}${knob.hint ?? ""}${setting ? `(${setting})` : ""}`.replace(/\s+/g, "") });
      expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(knob.options.map((o) => o.label));
      if (knob.term) expect(screen.getByRole("button", { name: GLOSSARY_BY_ID.get(knob.term)!.term })).toBeTruthy();
      const other = knob.options.find((o) => o.value !== toggleValue(SCENARIO, name))!;
      fireEvent.change(select, { target: { value: JSON.stringify(other.value) } });
      expect(onChange).toHaveBeenCalledWith(applyToggle(SCENARIO, name, other.value));
    });
  }

  it("says when the lesson's value is none of the options, and goes back to the lesson's setup", () => {
    const custom = toScenario({ client: { firewall: { policy: "drop", rules: [] } } });
    const changed = applyToggle(custom, "client.mode", "active");
    const onChange = vi.fn();
    render(<TryIt toggles={["client.firewall", "client.mode"]} lookFor="Look." original={custom} current={changed} onChange={onChange} />);
    expect(screen.getByRole("combobox", { name: "Client firewall" })).toHaveProperty("value", JSON.stringify("custom"));
    expect(screen.getByRole("option", { name: "as in the lesson (custom)" })).toBeTruthy();
    expect(screen.getByText("The lab now shows your setup.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Back to the lesson's setup" }));
    expect(onChange).toHaveBeenCalledWith(custom);
  });
});
