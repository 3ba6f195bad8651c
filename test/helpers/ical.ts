import ICAL from 'ical.js';

/**
 * The events of an iCalendar text as a maintained parser reads them (Mozilla's ical.js, what
 * Thunderbird uses), field by field.
 */
export function icsEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startIsUtc: event.startDate.zone?.tzid === 'UTC',
      url: vevent.getFirstPropertyValue('url'),
      dtstamp: String(vevent.getFirstPropertyValue('dtstamp')),
    };
  });
}
