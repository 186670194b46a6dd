/**
 * A store time in a narrow column (storeTimeHalves): the day and the time of day each kept
 * whole, the time going under the day where the column is too narrow for both on one line.
 */
export function DayAndTime({ at, day, time }: { at: Date; day: string; time: string }) {
  return (
    <time dateTime={at.toISOString()}>
      <span className="whitespace-nowrap">{day}</span>
      {time && (
        <>
          {" "}
          <span className="whitespace-nowrap">{time}</span>
        </>
      )}
    </time>
  );
}
