// Wires the pure UI state machine to the platform: the document (taps, back button), the socket and
// timers. The platform is passed in, so a test can run the real app against fakes, and a whole-system
// test can pair it with a real companion over one in-memory channel.
import { Calls, createCalls } from "./calls";
import { connect } from "./connection";
import { DocumentLike, KeyPress } from "./platform";
import { createRenderer } from "./ui/render";
import { Effect, initialState, reduce, Result, UiEvent, UiState } from "../core/watch";
import { PeerSocketLike } from "../common/peer-socket";

export interface Platform {
  document: DocumentLike;
  socket: PeerSocketLike;
  setTimeout(callback: () => void, ms: number): unknown;
  /** Milliseconds since the epoch (Fitbit: Date.now()): the times the signedIn screen shows, and how long
   *  a screen has been up (ui/state.ts, TAP_GUARD_MS). A clock set back costs at most one tap there. */
  now(): number;
  log(line: string): void;
  /** The words of a message ID in the wearer's language (Fitbit's `gettext` from "i18n"). */
  gettext(id: string): string;
}

export interface App {
  dispatch(event: UiEvent): Result;
  state(): UiState;
  calls: Calls;
}

export function startApp(platform: Platform): App {
  let state = initialState();
  const renderer = createRenderer(platform.document, platform.gettext, dispatch);
  const connection = connect(platform.socket, {
    open: () => dispatch({ e: "open" }),
    close: () => {
      calls.disconnected();
      dispatch({ e: "close" });
    },
    message: (msg) => (msg.t === "state" ? dispatch({ e: "view", view: msg.view }) : calls.receive(msg)),
    log: platform.log,
  });
  const calls = createCalls(connection.send);

  function dispatch(event: UiEvent): Result {
    const result = reduce(state, event, platform.now());
    state = result.state;
    for (let i = 0; i < result.effects.length; i++) perform(result.effects[i]);
    renderer.render(state, platform.now());
    return result;
  }

  // A function of its own, not the loop's body: the ES5 build turns a closure over a loop's `const`
  // into a new function object at every event, garbage on a heap that has none to spare.
  function perform(fx: Effect): void {
    if (fx.fx === "send") {
      if (!connection.send(fx.msg)) dispatch({ e: "sendFailed", t: fx.msg.t });
    } else if (fx.fx === "peek") {
      const tick = fx.tick;
      platform.setTimeout(() => dispatch({ e: "peekEnd", tick }), fx.ms);
    }
  }

  platform.document.onkeypress = (evt: KeyPress) => {
    if (evt.key !== "back") return;
    const effects = dispatch({ e: "back" }).effects;
    for (let i = 0; i < effects.length; i++) if (effects[i].fx === "exit") return; // the system closes the app
    evt.preventDefault();
  };

  renderer.render(state, platform.now());
  if (connection.isOpen()) dispatch({ e: "open" });
  return { dispatch, state: () => state, calls };
}
