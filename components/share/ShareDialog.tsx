"use client";
/**
 * The "Share / embed" button. The dialog it opens (ShareDialogBody.tsx: the links, the embed
 * options, the export) is loaded on the first click — or as the pointer or focus comes to the
 * button — so no page's first load carries it.
 */
import { lazy, Suspense, useState } from "react";
import type { Caption } from "./export-image";
import type { ShareLinkTarget } from "./share-links";
import styles from "./ShareDialog.module.css";

/**
 * What is shared: the page and embed routes, the lab step (0-based, `step` of `total`) and, on
 * a lesson, the lesson step (`lessonStep`, 1-based): the link opens the lesson step, the embed
 * the lab step (share-links.ts).
 */
export interface ShareTarget extends ShareLinkTarget {
  /** A file name stem for exports. */
  readonly name: string;
  /** The caption of this step's picture (computed, and its code loaded, when someone exports it). */
  readonly caption: () => Promise<Caption>;
  /**
   * Headings of the pictures on screen, in order, when the export shows them all side by side (a
   * comparison's "Setup A: …", "Setup B: …"); unset, it shows the first picture.
   */
  readonly pictures?: readonly string[];
}

const loadBody = () => import("./ShareDialogBody");
const ShareDialogBody = lazy(() => loadBody().then((m) => ({ default: m.ShareDialogBody })));

export function ShareDialog({ target }: { target: ShareTarget }) {
  // How many times the button was pressed: the dialog opens on each.
  const [opened, setOpened] = useState(0);
  const preload = () => void loadBody();
  return (
    <>
      <button type="button" className={styles.open} onClick={() => setOpened((n) => n + 1)} onPointerEnter={preload} onFocus={preload} aria-haspopup="dialog">
        Share / embed
      </button>
      {opened > 0 && (
        <Suspense fallback={null}>
          <ShareDialogBody target={target} opened={opened} />
        </Suspense>
      )}
    </>
  );
}
