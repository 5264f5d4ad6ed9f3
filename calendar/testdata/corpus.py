# The reference reading of many calendars in one process, for the corpus
# test: reads a JSON list of {"path", "start", "end", "zone", "date_zone"} on stdin and
# prints a JSON object mapping each path to {"occurrences": [[title, when],
# ...]} or {"error": "..."}, read by Debian's python3-icalendar and
# python3-recurring-ical-events. "when" is the start instant in UTC
# (RFC 3339) or, for all-day occurrences, the date; only occurrences
# starting in [start, end) are listed; ZONE reads floating times, and
# all-day occurrences are windowed by their midnight in DATE_ZONE.
import datetime, json, signal, sys
import icalendar, pytz, recurring_ical_events


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout("the reference took over 30 s")


def read(path, start, end, zone, date_zone):
    tz, date_tz = pytz.timezone(zone), pytz.timezone(date_zone)
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    start = datetime.datetime.fromisoformat(start.replace("Z", "+00:00"))
    end = datetime.datetime.fromisoformat(end.replace("Z", "+00:00"))
    out = []
    margin = datetime.timedelta(days=2)
    for ev in recurring_ical_events.of(cal).between(start - margin, end + margin):
        title = str(ev.get("SUMMARY", "(no title)"))
        dt = ev["DTSTART"].dt
        if isinstance(dt, datetime.datetime):
            if dt.tzinfo is None:
                dt = tz.localize(dt)
            t = dt.astimezone(datetime.timezone.utc)
            if start <= t < end:
                out.append([title, t.strftime("%Y-%m-%dT%H:%M:%SZ")])
        else:
            t = date_tz.localize(datetime.datetime(dt.year, dt.month, dt.day)).astimezone(datetime.timezone.utc)
            if start <= t < end:
                out.append([title, dt.isoformat()])
    return out


signal.signal(signal.SIGALRM, on_alarm)
result = {}
for job in json.load(sys.stdin):
    signal.alarm(30)
    try:
        result[job["path"]] = {"occurrences": read(job["path"], job["start"], job["end"], job["zone"], job.get("date_zone", job["zone"]))}
    except Exception as e:  # a file the reference cannot read
        result[job["path"]] = {"error": "%s: %s" % (type(e).__name__, e)}
    finally:
        signal.alarm(0)
json.dump(result, sys.stdout)
