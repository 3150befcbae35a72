// The preview's chrome around the watches and the settings pages: the demo credentials, each watch's
// physical button, "phone in reach", restarting the app, and the log of the phones and the watches. The
// Zepp watch and its Settings App page are a second phone of the same id (preview/server/zepp-phone.ts).
import { DEFAULT_PHONE, FromShell, ToShell, parseFrame } from "../shared/wire";

const phone = new URLSearchParams(location.search).get("phone") || DEFAULT_PHONE;
const query = `?phone=${encodeURIComponent(phone)}`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const watch = $<HTMLIFrameElement>("watch");
const settings = $<HTMLIFrameElement>("settings");
const log = $<HTMLPreElement>("log");
const note = $<HTMLParagraphElement>("watch-note");
const reach = $<HTMLInputElement>("reach");
const zeppWatch = $<HTMLIFrameElement>("zepp-watch");
const zeppNote = $<HTMLParagraphElement>("zepp-note");
const zeppReach = $<HTMLInputElement>("zepp-reach");

watch.src = `/watch.html${query}`;
settings.src = `/settings.html${query}`;
zeppWatch.src = `/zepp-watch.html${query}`;
$<HTMLIFrameElement>("zepp-settings").src = `/zepp-settings.html${query}`;

function showNote(text: string, isError: boolean, where = note): void {
  where.textContent = text;
  where.hidden = false;
  where.classList.toggle("error", isError);
}

function appendLog(line: string): void {
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  log.append(line + "\n");
  while (log.childNodes.length > 500) log.removeChild(log.firstChild as Node);
  if (atBottom) log.scrollTop = log.scrollHeight;
}

$("back").addEventListener("click", () => {
  const w = watch.contentWindow as (Window & { __watch?: { pressKey(key: string): unknown } }) | null;
  if (w && w.__watch) w.__watch.pressKey("back");
});
$("restart").addEventListener("click", () => {
  note.hidden = true;
  watch.contentWindow?.location.reload();
});

$("zepp-back").addEventListener("click", () => {
  const w = zeppWatch.contentWindow as (Window & { __zepp?: { pressBack(): void } }) | null;
  if (w && w.__zepp) w.__zepp.pressBack();
});
$("zepp-restart").addEventListener("click", () => {
  zeppNote.hidden = true;
  zeppWatch.contentWindow?.location.reload();
});
window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || event.source !== zeppWatch.contentWindow) return;
  const data = event.data as { k?: string; reason?: string; message?: string };
  if (data.k === "exited") showNote(`The app closed (${data.reason}). Open it again on the watch, or "Restart the app".`, false, zeppNote);
  else if (data.k === "error") showNote(`The app threw: ${data.message}`, true, zeppNote);
});
zeppWatch.addEventListener("load", () => {
  if (!zeppNote.classList.contains("error")) zeppNote.hidden = true;
});

window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || event.source !== watch.contentWindow) return;
  const data = event.data as { k?: string; reason?: string; message?: string };
  if (data.k === "exited") showNote(`The app closed (${data.reason}). Open it again on the watch, or "Restart the app".`, false);
  else if (data.k === "error") showNote(`The app threw: ${data.message}`, true);
});
watch.addEventListener("load", () => {
  if (!note.classList.contains("error")) note.hidden = true;
});

let ws: WebSocket | null = null;
function connect(): void {
  ws = new WebSocket(`ws://${location.host}/link/shell${query}`);
  ws.onmessage = (event) => {
    const frame = parseFrame(event.data) as ToShell | undefined;
    if (!frame) return;
    if (frame.k === "hello") {
      const d = frame.demo;
      $("demo").innerHTML = "";
      $("demo").append(
        "Demo user ",
        strong(d.username),
        ", temporary password ",
        strong(d.temporaryPassword),
        ` (you choose a new one on the watch; the Zepp watch is a phone of its own, where the demo user signs in again). Sandbox: cognito-local at ${d.endpoint}, pool ${d.userPoolId}; tokens last ${d.tokenLifetimeSeconds} s, so refreshes show.`,
      );
      reach.checked = frame.inReach;
      zeppReach.checked = frame.zeppInReach;
      log.textContent = "";
      for (const line of frame.log) appendLog(line);
    } else if (frame.k === "reach") (frame.zepp ? zeppReach : reach).checked = frame.inReach;
    else if (frame.k === "log") appendLog(frame.line);
  };
  ws.onclose = () => {
    $("demo").textContent = "The preview server is not answering (stopped?). Reconnecting…";
    setTimeout(connect, 1000);
  };
}
reach.addEventListener("change", () => {
  const frame: FromShell = { k: "reach", inReach: reach.checked };
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
});
zeppReach.addEventListener("change", () => {
  const frame: FromShell = { k: "reach", inReach: zeppReach.checked, zepp: true };
  if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
});
connect();

function strong(text: string): HTMLElement {
  const s = document.createElement("strong");
  s.textContent = text;
  return s;
}
