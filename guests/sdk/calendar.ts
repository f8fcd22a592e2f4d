// Calendar arithmetic for the tools that print dates (ls -l, date, stat): seconds since the Epoch to
// a UTC civil date and time (Howard Hinnant's days-to-civil), month and weekday names.
// Interface: Civil.of(secs) -> { year, month (1-12), day, hour, minute, second, weekday (0 = Sunday) };
// epochSeconds(year, month, day, hour, minute, second) -> seconds since the Epoch (UTC), the inverse;
// MONTHS, WEEKDAYS (English abbreviations, as the C locale), MONTH_NAMES, WEEKDAY_NAMES; pad2(n).
const SECS_PER_DAY: i64 = 86400;

export const MONTHS: string[] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const WEEKDAYS: string[] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
export const MONTH_NAMES: string[] = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
export const WEEKDAY_NAMES: string[] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export class Civil {
  year: i64 = 0; month: i32 = 0; day: i32 = 0;
  hour: i32 = 0; minute: i32 = 0; second: i32 = 0; weekday: i32 = 0;

  static of(secs: i64): Civil {
    const c = new Civil();
    let days = secs / SECS_PER_DAY, rem = secs % SECS_PER_DAY;
    if (rem < 0) { rem += SECS_PER_DAY; days--; }
    c.hour = <i32>(rem / 3600); c.minute = <i32>((rem % 3600) / 60); c.second = <i32>(rem % 60);
    c.weekday = <i32>(((days % 7) + 11) % 7);            // 1970-01-01 was a Thursday
    const z = days + 719468;
    const era = (z >= 0 ? z : z - 146096) / 146097;
    const doe = z - era * 146097;
    const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const mp = (5 * doy + 2) / 153;
    c.day = <i32>(doy - (153 * mp + 2) / 5 + 1);
    c.month = <i32>(mp < 10 ? mp + 3 : mp - 9);
    c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
    return c;
  }
}

/** n with a leading zero below 10. */
export function pad2(n: i32): string { return n < 10 ? "0" + n.toString() : n.toString(); }

/** Seconds since the Epoch of a UTC date and time (Hinnant's days-from-civil). */
export function epochSeconds(year: i64, month: i32, day: i32, hour: i32, minute: i32, second: i32): i64 {
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp: i64 = month > 2 ? month - 3 : month + 9;
  const doy = (153 * mp + 2) / 5 + <i64>day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const days = era * 146097 + doe - 719468;
  return days * SECS_PER_DAY + <i64>hour * 3600 + <i64>minute * 60 + <i64>second;
}
