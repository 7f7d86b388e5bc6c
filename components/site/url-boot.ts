/**
 * A page's URL, resolved before the first paint: the static HTML of an embed (and of the
 * playground) holds the picture for the default options (DEFAULT_EMBED, the default setup).
 *
 * EMBED_BOOT, inlined at the top of the embed layout, reads
 * location.search before that HTML is drawn and
 * - sets what CSS can express on <html>: the theme (data-theme), no explanation
 *   (`embed-no-explanation`), no controls (`embed-no-controls`) — app/globals.css hides them;
 * - lets origin= through when it is plainly a list of origins (it changes nothing drawn);
 * - for anything that changes the content (a step, a range, a scenario, another layout, a
 *   playground knob, a value that earns a notice), adds PENDING_CLASS, which hides the embed
 *   until React has applied the URL (use-url-applied.ts), so a wrong step is never seen. CSS shows it
 *   again after a few seconds should React never run.
 * PLAYGROUND_BOOT does the last for the playground: any parameter is a knob or a step.
 * The boot scripts are plain strings (no React); scripts/csp.ts hashes every inline script.
 */
export const PENDING_CLASS = "url-pending";

/** Values the default picture can show with CSS alone; anything else waits for React. */
export const EMBED_BOOT = `try{(function(){var q=new URLSearchParams(location.search),h=document.documentElement,c=h.classList,wait=false,k,seen={};
var ok={theme:/^(light|dark|projector)$/,views:/^(network|network,explanation|explanation,network)$/,controls:/^(minimal|none)$/,layout:/^presentation$/,autoplay:/^(0|1|true|false|)$/,origin:/^https?:[/][/][a-z0-9.-]+(:[0-9]{1,4})?(,https?:[/][/][a-z0-9.-]+(:[0-9]{1,4})?)*$/};
q.forEach(function(v,key){if(!ok[key]||!ok[key].test(v)||seen[key])wait=true;seen[key]=1});
k=q.get("theme");if(!wait&&k)h.dataset.theme=k;
if(q.get("views")==="network")c.add("embed-no-explanation");
if(q.get("controls")==="none")c.add("embed-no-controls");
if(wait)c.add("${PENDING_CLASS}")})()}catch(e){}`;

export const PLAYGROUND_BOOT = `if(location.search.length>1)document.documentElement.classList.add("${PENDING_CLASS}")`;
