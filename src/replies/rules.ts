/**
 * How much newsbot shows, on every surface (Slack, console, `ask`): the one home of these numbers.
 */

/** Stories per page: the first answer ("the top 5") and each "More". */
export const PAGE_SIZE = 5;
/** Latest headlines under help. */
export const HEADLINES_IN_HELP = 3;
/** Latest headlines shown instead of stories when nothing matched. */
export const HEADLINES_WITHOUT_HITS = 5;
