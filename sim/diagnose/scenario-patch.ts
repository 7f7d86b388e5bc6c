/** A scenario with some of one end's fields replaced: how candidates add an obstacle and fixes remove one. */
import type { ScenarioInput } from "../scenario/schema";

export const withServer = (s: ScenarioInput, patch: NonNullable<ScenarioInput["server"]>): ScenarioInput => ({ ...s, server: { ...s.server, ...patch } });
export const withClient = (s: ScenarioInput, patch: NonNullable<ScenarioInput["client"]>): ScenarioInput => ({ ...s, client: { ...s.client, ...patch } });
