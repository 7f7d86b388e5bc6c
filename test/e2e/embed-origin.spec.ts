/**
 * origin=: an embed that names its deck's origin obeys that page alone and tells its steps to
 * it alone. The decks are pages of two small servers of their own (other ports of 127.0.0.1, so
 * other origins than the lab's static server), framing the lab as a slide deck on a course site
 * does. A deck's page is `/deck?src=<the embed URL>`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

interface HostLog {
  events: string[];
}

const deckPage = (src: string) => `<!doctype html><title>deck</title><iframe id="f" title="lab" src="${src.replace(/"/g, "&quot;")}" style="width:960px;height:540px;border:0"></iframe>
<script>
window.events = [];
addEventListener("message", (e) => { if (e.data && e.data.ns === "ftp-lab") events.push(e.data.event + (e.data.step ? " " + e.data.step : "")); });
</script>`;

/** A deck server: one page that frames the embed named in its query. */
function startDeck(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? "/", "http://deck").searchParams.get("src") ?? "about:blank";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(deckPage(src));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

let deck: { url: string; server: Server };
let other: { url: string; server: Server };
test.beforeAll(async () => {
  [deck, other] = await Promise.all([startDeck(), startDeck()]);
});
test.afterAll(async () => {
  await Promise.all([deck, other].map((d) => new Promise((ok) => d.server.close(ok))));
});

/** A deck page of `host` framing the embed at `embed` (a URL of the lab), recording the lab's events. */
async function openDeck(page: Page, host: string, embed: string) {
  await page.goto(`${host}/deck?src=${encodeURIComponent(embed)}`);
  const lab = page.frameLocator("#f");
  // Hydrated: the position shows.
  await expect(lab.getByText(/^\s*\d+\s*\/\s*\d+/)).toBeVisible();
  return lab;
}

const events = (page: Page) => page.evaluate(() => (window as unknown as HostLog).events);
const goto = (page: Page, step: number) =>
  page.evaluate((s) => (document.getElementById("f") as HTMLIFrameElement).contentWindow!.postMessage({ ns: "ftp-lab", method: "goto", args: { step: s } }, "*"), step);

test("the named deck drives the embed and hears its steps", async ({ page, baseURL }) => {
  const lab = await openDeck(page, deck.url, `${baseURL}/embed/active-mode?controls=minimal&origin=${deck.url}`);
  await expect.poll(() => events(page)).toContain("ready 1");
  await goto(page, 5);
  await expect(lab.getByText(/^\s*\d+\s*\/\s*\d+/)).toHaveText(/^\s*5\s*\//);
  await expect.poll(() => events(page)).toContain("step 5");
  await expect(lab.getByRole("note")).toHaveCount(0);
});

test("another page framing the same embed can neither drive it nor hear it", async ({ page, baseURL }) => {
  const lab = await openDeck(page, other.url, `${baseURL}/embed/active-mode?controls=minimal&origin=${deck.url}`);
  const position = lab.getByText(/^\s*\d+\s*\/\s*\d+/);
  await expect(position).toHaveText(/^\s*1\s*\//);
  await goto(page, 5);
  // The lab's own keys still work: the embed is alive, it only ignores the stranger.
  await lab.getByRole("button", { name: "Next step", exact: true }).click();
  await expect(position).toHaveText(/^\s*2\s*\//);
  expect(await events(page)).toEqual([]);
});

test("without origin= any deck drives it, as before", async ({ page, baseURL }) => {
  const lab = await openDeck(page, other.url, `${baseURL}/embed/active-mode?controls=minimal`);
  await expect.poll(() => events(page)).toContain("ready 1");
  await goto(page, 4);
  await expect(lab.getByText(/^\s*\d+\s*\/\s*\d+/)).toHaveText(/^\s*4\s*\//);
});

test("an origin= that names nothing usable says so and fails closed", async ({ page, baseURL }) => {
  const lab = await openDeck(page, deck.url, `${baseURL}/embed/active-mode?controls=minimal&origin=${deck.url.replace("http://", "")}`);
  await expect(lab.getByRole("note")).toContainText(`Ignored origin "${deck.url.replace("http://", "")}": expected a page's origin such as https://slides.example.org`);
  await expect(lab.getByRole("note")).toContainText("this embed obeys no host page and posts no events");
  await goto(page, 5);
  await expect(lab.getByText(/^\s*\d+\s*\/\s*\d+/)).toHaveText(/^\s*1\s*\//);
  expect(await events(page)).toEqual([]);
});
