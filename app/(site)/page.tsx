import Link from "next/link";
import { LESSONS } from "../../lessons/catalog";
import { HomeDemo } from "../../components/lab/HomeDemo";
import { LabLegendProvider } from "../../components/lab/LabLegend";
import { Legend } from "../../components/Legend";
import { simulate } from "../../sim/index";

const DEMO = simulate({
  title: "Passive mode, no firewall",
  client: { mode: "passive", pasvAddress: "use" },
  server: { passivePorts: [30000, 30049] },
  commands: ["LIST"],
});

export default function Home() {
  return (
    <div className="page home">
      <section className="hero">
        <h1>Watch FTP&rsquo;s two connections happen.</h1>
        <p className="lede">
          FTP Modes Lab simulates whole FTP sessions packet by packet — the control connection on port 21, a data connection for each
          transfer, every firewall and NAT router on the way — so you can see why active mode breaks where passive mode works.
        </p>
        <p className="hero-actions">
          <Link className="button primary" href={`/lessons/${LESSONS[0]?.slug ?? ""}`}>
            Start the first lesson
          </Link>
          <Link className="button" href="/playground">
            Open the playground
          </Link>
        </p>
      </section>
      <section aria-labelledby="demo-heading" className="home-demo">
        <h2 id="demo-heading">Live: a passive-mode listing, no firewall</h2>
        <LabLegendProvider legend={<Legend />}>
          <HomeDemo trace={DEMO} />
        </LabLegendProvider>
      </section>
      <section aria-labelledby="lessons-heading">
        <h2 id="lessons-heading">Lessons</h2>
        <ol className="lesson-list">
          {LESSONS.map((l) => (
            <li key={l.slug}>
              <Link href={`/lessons/${l.slug}`}>{l.title}</Link> <span className="lesson-meta">· {l.level} · {l.minutes} min</span>
              <p>{l.goal}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
