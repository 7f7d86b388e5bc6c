/**
 * The remembered theme, applied before first paint: the layout inlines THEME_BOOT so a page never
 * flashes the wrong palette. A plain module (no React), so the layout ships no theme-switcher
 * code to pages without the switcher (embeds).
 */
export const THEME_KEY = "ftp-lab-theme";

export const THEME_BOOT = `try{var t=localStorage.getItem("${THEME_KEY}");if(t&&t!=="system")document.documentElement.dataset.theme=t}catch(e){}`;
