/** A comment its author agreed to have quoted, as a report shows it. */
export interface Testimonial {
  quote: string;
  activityId: string;
  activityTitle: string;
  /** null for a confidential activity. */
  month: string | null;
}

/**
 * How many quotes a report shows: the most recent of its scope. A funder report over years can
 * hold thousands; a coordinator reads (and forwards) a handful, and the report says how many
 * more there are, to be read over a shorter period.
 */
export const TESTIMONIALS_SHOWN = 20;

/** The quotes a report shows (the most recent, oldest first) and how many older ones it leaves out. */
export interface Testimonials {
  shown: Testimonial[];
  notShown: number;
}
