// The settings page's settingsStorage, kept in step with the phone's over a WebSocket: what the page
// writes goes to the companion (which hears a "change" event); what the companion writes (its status,
// the removal of a password it has read) comes back and re-renders the page.
import { MemoryStorage } from "../../../devkit/phone-storage";
import { DEFAULT_PHONE, FromSettings, ToSettingsPage, parseFrame } from "../../shared/wire";

type Listener = () => void;

const RECONNECT_MS = 1000;

export class PageSettingsStorage extends MemoryStorage {
  private listeners: Listener[] = [];
  private ws: WebSocket | null = null;
  /** A snapshot arrived: the page can render what is stored. */
  ready = false;
  onchange: ((event: { key: string | null; newValue: string | null }) => void) | null = null;

  /** `path`: the link's name on the server (the Zepp Settings App page uses "zepp-settings"). */
  constructor(
    private readonly phone: string,
    private readonly path: "settings" | "zepp-settings" = "settings",
  ) {
    super();
  }

  connect(): void {
    const ws = new WebSocket(`ws://${location.host}/link/${this.path}?phone=${encodeURIComponent(this.phone)}`);
    this.ws = ws;
    ws.onmessage = (event) => {
      const frame = parseFrame(event.data) as ToSettingsPage | undefined;
      if (!frame) return;
      if (frame.k === "snapshot") {
        this.items = { ...frame.items };
        this.ready = true;
      } else if (frame.k === "set") {
        if (frame.value === null) delete this.items[frame.key];
        else this.items[frame.key] = frame.value;
      } else return;
      this.changed();
    };
    ws.onclose = () => {
      this.ws = null;
      setTimeout(() => this.connect(), RECONNECT_MS);
    };
  }

  /** Called after every change, from either side. */
  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  setItem(key: string, value: string): void {
    super.setItem(key, value);
    this.send({ k: "set", key, value: String(value) });
    this.changed();
  }
  removeItem(key: string): void {
    super.removeItem(key);
    this.send({ k: "set", key, value: null });
    this.changed();
  }
  clear(): void {
    for (const key of Object.keys(this.items)) this.removeItem(key);
  }
  private send(frame: FromSettings): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private changed(): void {
    for (const l of this.listeners.slice()) l();
  }
}

export const settingsStorage = new PageSettingsStorage(new URLSearchParams(location.search).get("phone") || DEFAULT_PHONE);
