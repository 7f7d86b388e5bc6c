"use client";
/** Light, dark, projector (high contrast for beamers), or the system's choice; remembered per browser. */
import { useEffect, useState } from "react";
import { THEME_KEY } from "./theme-boot";

const THEMES = ["system", "light", "dark", "projector"] as const;
type Theme = (typeof THEMES)[number];
const KEY = THEME_KEY;

function applyTheme(theme: Theme): void {
  if (theme === "system") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}


export function ThemeSwitcher() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => {
    try {
      const stored = localStorage.getItem(KEY) as Theme | null;
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (stored && THEMES.includes(stored)) setTheme(stored);
    } catch {
      /* storage blocked: stay with the system theme */
    }
  }, []);
  return (
    <label className="theme-switcher">
      <span className="sr-only">Theme</span>
      <select
        value={theme}
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          applyTheme(next);
          try {
            localStorage.setItem(KEY, next);
          } catch {
            /* not remembered */
          }
        }}
      >
        <option value="system">Theme: system</option>
        <option value="light">Theme: light</option>
        <option value="dark">Theme: dark</option>
        <option value="projector">Theme: projector</option>
      </select>
    </label>
  );
}
