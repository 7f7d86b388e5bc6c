export default function Home() {
  return (
    <main className="placeholder">
      <h1>FTP Modes Lab</h1>
      <p>
        The lab&apos;s views are coming; run <code>npm run sim -- --json FILE</code> meanwhile.
      </p>
    </main>
  );
}
