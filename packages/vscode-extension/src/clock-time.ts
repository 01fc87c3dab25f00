/** Local wall-clock `HH:MM` of an ISO time or date, as responders read it. */
export function clockTime(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
