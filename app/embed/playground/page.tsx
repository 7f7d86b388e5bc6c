import type { Metadata } from "next";
import { PlaygroundEmbed } from "../../../components/embed/PlaygroundEmbed";
import { toScenario } from "../../../sim/scenario/validate";

const BASE = toScenario({});

export const metadata: Metadata = { title: "Playground (embed)", robots: { index: false } };

export default function PlaygroundEmbedPage() {
  return <PlaygroundEmbed base={BASE} />;
}
