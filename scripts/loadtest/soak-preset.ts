/** `--soak`'s preset (issue #35's soak on one hub): options.ts applies it before the other flags. */
export const soakPreset = {
  users: 1500,
  friends: 20,
  postRate: 50,
  commentRate: 10,
  visitRate: 10,
  duration: 1200,
  /** Seconds held after the load, sockets connected and no writes: "once the data stops growing". */
  hold: 60,
} as const;
