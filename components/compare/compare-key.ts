/** The URL parameter of a comparison (compare-param.ts reads it): its own module, so a page that only names it carries nothing else. */
export const COMPARE_PARAM = "compare";
