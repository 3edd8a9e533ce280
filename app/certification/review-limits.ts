/** The longest reason for an override of a call's result: the form counts up to it, the server refuses longer (zod). */
export const REVIEW_REASON_MAX = 500;
