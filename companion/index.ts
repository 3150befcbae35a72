import { me } from "companion";
console.log("companion up " + me.launchReasons.peerAppLaunched);
