// The Zepp watch page without Zepp's page object: core/watch's state machine wired to the socket, the
// renderer and a clock, as app/main.ts does it for Fitbit. ./index.ts hands in the real platform (zml's
// messaging as a socket, the screen's size, @zos/router's exit); the tests hand in fakes and a socket
// joined to a real side service.
import { PeerSocketLike } from "../../common/peer-socket";
import { Effect, Result, UiEvent, UiState, initialState, reduce } from "../../core/watch";
import { connect } from "./connection";
import { Words, describe } from "./elements";
import { Size } from "./layout";
import { UiLike, createRenderer } from "./render";

export interface PagePlatform {
  /** @zos/ui, or a stand-in. */
  ui: UiLike;
  socket: PeerSocketLike;
  size: Size;
  words: Words;
  /** Milliseconds since the epoch: the times the signedIn screen shows, and the tap guard's clock. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  log(line: string): void;
  /** Leave the app: the state machine said the back key or the swipe goes past its first screen. */
  exit(): void;
}

export interface WatchPage {
  dispatch(event: UiEvent): Result;
  state(): UiState;
  /** The physical back key or the swipe back: true when the page took it, false when the app exits. */
  back(): boolean;
  /** The page is going: delete its widgets, stop listening to the socket. */
  destroy(): void;
}

export function startPage(platform: PagePlatform): WatchPage {
  let state = initialState();
  let live = true;
  const renderer = createRenderer(platform.ui, (event) => dispatch(event));
  const connection = connect(platform.socket, {
    open: () => dispatch({ e: "open" }),
    close: () => dispatch({ e: "close" }),
    // Authorized calls (callResult, callError) belong to an app built on this page; it has none.
    message: (msg) => (msg.t === "state" ? dispatch({ e: "view", view: msg.view }) : platform.log("ignored " + msg.t)),
    log: platform.log,
  });

  function dispatch(event: UiEvent): Result {
    if (!live) return { state, effects: [] };
    const result = reduce(state, event, platform.now());
    state = result.state;
    for (let i = 0; i < result.effects.length; i++) perform(result.effects[i]);
    draw();
    return result;
  }

  function draw(): void {
    if (live) renderer.render(describe(state, platform.now(), platform.words, platform.size));
  }

  function perform(fx: Effect): void {
    if (fx.fx === "send") {
      if (!connection.send(fx.msg)) dispatch({ e: "sendFailed", t: fx.msg.t });
    } else if (fx.fx === "peek") {
      const tick = fx.tick;
      platform.setTimeout(() => dispatch({ e: "peekEnd", tick }), fx.ms);
    } else if (fx.fx === "exit") {
      platform.exit();
    }
  }

  function back(): boolean {
    const effects = dispatch({ e: "back" }).effects;
    for (let i = 0; i < effects.length; i++) if (effects[i].fx === "exit") return false;
    return true;
  }

  function destroy(): void {
    live = false;
    const s = platform.socket;
    s.onopen = s.onclose = s.onmessage = s.onerror = null;
    renderer.clear();
  }

  draw();
  if (connection.isOpen()) dispatch({ e: "open" });
  return { dispatch, state: () => state, back, destroy };
}
