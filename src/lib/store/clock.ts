// What the kiosk trusts of the device clock. A tablet's clock can jump back (a dead battery, a
// network time fix): a stored last activity then lies in the future, and counting the idle timeout
// from it would show the previous patient's session for as long as the jump. Beyond a small slack
// such a time is not believed: the session counts as stale and is wiped, never shown.

/** How far ahead of now a last activity may be and still count (clocks of one device drift a little). */
export const CLOCK_SLACK_MS = 5 * 60_000;

/** `at` is further ahead of `now` than the slack: the clock went back since it was written. */
export const isAhead = (at: number, now: number): boolean => at - now > CLOCK_SLACK_MS;
