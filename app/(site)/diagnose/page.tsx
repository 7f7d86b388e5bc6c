import type { Metadata } from "next";
import { DiagnosePage } from "../../../components/diagnose/DiagnosePage";
import { LabLegendProvider } from "../../../components/lab/LabLegend";
import { Legend } from "../../../components/Legend";

export const metadata: Metadata = { title: "Diagnose a log" };

export default function DiagnoseRoute() {
  return (
    <div className="page diagnose">
      <h1 className="page-title">Diagnose a log</h1>
      <p className="lede">
        &ldquo;I can log in, but the listing hangs.&rdquo; Paste the log of a session that failed: the lab reads it, names the likely causes with the lines that show them, rebuilds the session and plays it to the packet that dies, and checks each fix in the simulator.
      </p>
      <LabLegendProvider legend={<Legend />}>
        <DiagnosePage />
      </LabLegendProvider>
    </div>
  );
}
