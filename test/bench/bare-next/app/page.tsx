/** The baseline for `npm run bench:web`: what Next.js and React alone ship to a static page. */
export default function Page() {
  return (
    <main>
      <h1>Bare Next.js page</h1>
      <p>The same next and react as the lab, nothing else.</p>
    </main>
  );
}
