import { enCommon, type RtcStrings } from './strings.js';
import { chatEnglish } from '../rtc-chat/chat-strings.js';
import { callEnglish } from '../rtc-call/call-strings.js';

/** The whole English table (exported as `englishStrings`); each element uses its own part. */
export const en: RtcStrings = { ...enCommon, ...chatEnglish, ...callEnglish };
