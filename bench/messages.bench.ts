// Messages for one first sign-in on the watch (username, temporary password, new password twice), over
// the paired in-memory channel, against cognito-local: how many, how many bytes, the largest.
import { startTestPool } from "../devkit/cognito-pool";
import { firstSignInByTaps, poolSettings, startWatchSystem } from "../devkit/watch-system";

export default async function run() {
  const pool = await startTestPool();
  try {
    const user = await pool.newUser("benchuser");
    const s = startWatchSystem(poolSettings(pool));
    const taps = await firstSignInByTaps(s, user, "Bench#2026x");
    s.companion.session.dispose();
    const log = s.channel.log;
    const bytes = (from: string) => log.filter((m) => m.from === from).reduce((n, m) => n + m.bytes, 0);
    const count = (from: string) => log.filter((m) => m.from === from).length;
    return [
      { name: "sign-in messages, watch → phone (count)", ours: count("device"), unit: "" },
      { name: "sign-in messages, phone → watch (count)", ours: count("companion"), unit: "" },
      { name: "sign-in message bytes, watch → phone", ours: bytes("device"), unit: "B" },
      { name: "sign-in message bytes, phone → watch", ours: bytes("companion"), unit: "B" },
      { name: "largest sign-in message", ours: Math.max(...log.map((m) => m.bytes)), unit: "B", goal: "≤ 1,027 B" },
      { name: "taps for a first sign-in on the watch (username, password, new password twice)", ours: taps, unit: "" },
    ];
  } finally {
    await pool.stop();
  }
}
