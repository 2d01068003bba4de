/**
 * A warm child serves run after run, and its stdout (the learner's console) and its IPC
 * channel are separate pipes: a line printed late in one run could arrive after that run's
 * "done" and be filed under the next. So the child ends each run with a marker line on
 * stdout, named by the run's token (which the learner's code never sees, so it cannot print
 * the marker early), and the parent files output under a run until that marker.
 */
export function runEndMarker(token: string): string {
  return `\u241e grading-run-end ${token}`;
}
