// Dates for the Date and Last-Modified headers (IMF-fixdate, RFC 9110 5.6.7) and for the access
// log (common log format), from seconds since the epoch (the machine's CLOCK_REALTIME is its
// virtual clock, which starts at the epoch). Days to a civil date as in Howard Hinnant's
// days_from_civil / civil_from_days.
// Interface: putHttpDate(p, secs) "Thu, 01 Jan 1970 00:00:00 GMT";
//   putLogDate(p, secs) "01/Jan/1970:00:00:00 +0000"; nowSecs().
import { nowNs, CLOCK_REALTIME, NSEC_PER_SEC } from "../../sdk";
import { putStr, putDec, put2, COLON, SLASH, SP } from "./bytes";

const DAYS: string[] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];   // 1970-01-01 was a Thursday
const MONTHS: string[] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SECS_PER_DAY: i64 = 86400;
const DAYS_PER_ERA: i64 = 146097;      // 400 years
const EPOCH_SHIFT: i64 = 719468;       // days from 0000-03-01 to 1970-01-01

// The civil date of a day number: year, month (1..12), day (1..31).
let year: i64 = 0, month: i64 = 0, mday: i64 = 0;
function civil(days: i64): void {
  const z = days + EPOCH_SHIFT;
  const era = (z >= 0 ? z : z - DAYS_PER_ERA + 1) / DAYS_PER_ERA;
  const doe = z - era * DAYS_PER_ERA;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  mday = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = yoe + era * 400 + (month <= 2 ? 1 : 0);
}

function putTime(p: usize, secs: i64): usize {
  const t = secs % SECS_PER_DAY;
  p = put2(p, t / 3600); store<u8>(p++, COLON);
  p = put2(p, t / 60 % 60); store<u8>(p++, COLON);
  return put2(p, t % 60);
}

export function putHttpDate(p: usize, secs: i64): usize {
  const days = secs / SECS_PER_DAY;
  civil(days);
  p = putStr(p, DAYS[<i32>(days % 7)]); p = putStr(p, ", ");
  p = put2(p, mday); store<u8>(p++, SP); p = putStr(p, MONTHS[<i32>month - 1]); store<u8>(p++, SP);
  p = putDec(p, year); store<u8>(p++, SP);
  p = putTime(p, secs);
  return putStr(p, " GMT");
}

export function putLogDate(p: usize, secs: i64): usize {
  civil(secs / SECS_PER_DAY);
  p = put2(p, mday); store<u8>(p++, SLASH); p = putStr(p, MONTHS[<i32>month - 1]); store<u8>(p++, SLASH);
  p = putDec(p, year); store<u8>(p++, COLON);
  p = putTime(p, secs);
  return putStr(p, " +0000");
}

export function nowSecs(): i64 {
  const ns = nowNs(CLOCK_REALTIME);
  return ns < 0 ? 0 : ns / NSEC_PER_SEC;
}
