import type { RtcStrings } from './strings.js';

/** The texts of the identity warning and the verified mark (shared/identity-guard.ts). */
export type IdentityStringKey = 'identityChanged' | 'identityAccept' | 'identityDismiss' | 'identityVerified' | 'identityVerify' | 'identityVerifyLabel';

/**
 * Their English, loaded with the code that shows them (the first load of the elements does not
 * carry it); other languages have them in their whole tables.
 */
export const identityEnglish: Pick<RtcStrings, IdentityStringKey> = {
  identityChanged:
    'Warning: {peer} has a new security key. That can be a new device or browser, or someone listening in between. Compare the safety code with {peer} before you trust it.',
  identityAccept: 'I compared the codes — trust the new key',
  identityDismiss: 'Dismiss',
  identityVerified: 'Verified',
  identityVerify: 'Mark verified',
  identityVerifyLabel: 'Mark verified: {peer} (after comparing the safety code)',
};
