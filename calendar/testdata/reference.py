# Prints every occurrence of a calendar in [start, end) as "title<TAB>instant"
# (UTC, RFC 3339) or "title<TAB>date" for all-day ones, read by Debian's
# python3-icalendar and python3-recurring-ical-events: the reference reading
# the Go reader is compared with. Usage: reference.py FILE START END ZONE
# (ZONE reads floating times).
import datetime, sys
import icalendar, pytz, recurring_ical_events

path, start, end, zone = sys.argv[1:5]
tz = pytz.timezone(zone)
cal = icalendar.Calendar.from_ical(open(path, "rb").read())
start = datetime.datetime.fromisoformat(start)
end = datetime.datetime.fromisoformat(end)
for ev in recurring_ical_events.of(cal).between(start - datetime.timedelta(days=2), end + datetime.timedelta(days=2)):
    title = str(ev.get("SUMMARY", "(no title)"))
    dt = ev["DTSTART"].dt
    if isinstance(dt, datetime.datetime):
        if dt.tzinfo is None:
            dt = tz.localize(dt)
        t = dt.astimezone(datetime.timezone.utc)
        if not (start <= t < end):
            continue
        print(title + "\t" + t.strftime("%Y-%m-%dT%H:%M:%SZ"))
    else:
        t = tz.localize(datetime.datetime(dt.year, dt.month, dt.day)).astimezone(datetime.timezone.utc)
        if not (start <= t < end):
            continue
        print(title + "\t" + dt.isoformat())
