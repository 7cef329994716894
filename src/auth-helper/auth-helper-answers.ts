import { Answer, TEXT_TYPE } from '../protocol/answer';

/** The helper's only two answers. */
export const YES = new Answer(TEXT_TYPE, 'yes\n');
export const NO = new Answer(TEXT_TYPE, 'no\n');
