import { enCommon, type RtcStrings } from './strings.js';
import { chatEnglish } from './strings-chat.js';
import { callEnglish } from './strings-call.js';
import { chatActionsEnglish } from './strings-chat-actions.js';
import { callActsEnglish } from './strings-call-acts.js';
import { richEnglish } from './strings-rich.js';
import { identityEnglish } from './strings-identity.js';
import { netEnglish } from './strings-call-net.js';
import { flipEnglish, lobbyEnglish } from './strings-lobby.js';
import { backgroundEnglish } from './strings-background.js';

/** The whole English table (exported as `englishStrings`); each element uses its own part. */
export const en: RtcStrings = {
  ...enCommon,
  ...chatEnglish,
  ...chatActionsEnglish,
  ...callEnglish,
  ...richEnglish,
  ...identityEnglish,
  ...netEnglish,
  ...callActsEnglish,
  ...lobbyEnglish,
  ...flipEnglish,
  ...backgroundEnglish,
};
