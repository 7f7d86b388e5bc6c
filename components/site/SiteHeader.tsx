import Link from "next/link";
import { ThemeSwitcher } from "./ThemeSwitcher";

export function SiteHeader() {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/" className="site-title">
        FTP Modes Lab
      </Link>
      <nav aria-label="Site">
        <ul>
          <li>
            <Link href="/lessons">Lessons</Link>
          </li>
          <li>
            <Link href="/playground">Playground</Link>
          </li>
          <li>
            <Link href="/diagnose">Diagnose a log</Link>
          </li>
          <li>
            <Link href="/glossary">Glossary</Link>
          </li>
        </ul>
      </nav>
      <ThemeSwitcher />
    </header>
  );
}
