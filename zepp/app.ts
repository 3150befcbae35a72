// The Zepp app's entry (app.js in the package): zml's BaseApp, which the page's BasePage needs to reach the
// side service (zml keeps its messaging in the app's globalData). The app itself holds nothing: the watch's
// state is the page's (zepp/page/), the client and the tokens are the side service's (zepp/app-side/).
import { BaseApp } from "@zeppos/zml/base-app";

App(BaseApp({}));
