/** The 【融资对接】 page (issue 17). */
export const MATCHMAKING_PATH = '/matchmaking';
export const MATCHMAKING_LABEL = '融资对接';
