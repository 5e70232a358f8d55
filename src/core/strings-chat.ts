import { enCommon, type RtcStrings } from './strings.js';

/**
 * <rtc-chat>'s English texts: the shared ones plus its own (the call's are not needed here, so
 * the chat's script-tag entry does not carry them). Other languages are whole tables.
 */
export const chatEnglish = {
  ...enCommon,
  messagesLabel: 'Messages',
  inputLabel: 'Message',
  inputPlaceholder: 'Write a message…',
  send: 'Send',
  emptyChat: 'No messages yet.',
  showEarlier: 'Show {count} earlier messages',
  connectLabel: 'Peer id to connect to',
  connect: 'Connect',
  disconnect: 'Disconnect',
  pending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'not sent',
  binaryData: '[binary data, {size} bytes]',
  attach: 'Send a file',
  dropFiles: 'Drop files to send them',
  cancel: 'Cancel',
  fileWaiting: 'Waiting for the other side…',
  fileConfirm: 'Receive this file?',
  fileAccept: 'Accept',
  fileDecline: 'Decline',
  fileAcceptLabel: 'Accept {name}',
  fileDeclineLabel: 'Decline {name}',
  fileProgress: 'Transfer of {name}',
  fileCancel: 'Cancel the transfer of {name}',
  fileDownload: 'Save {name}',
  filePreview: 'Preview of {name}',
  fileSent: 'Sent and verified',
  fileCancelled: 'Cancelled',
  fileFailed: 'Failed',
  read: 'read',
  typing: '{peer} is typing…',
} satisfies Partial<RtcStrings>;

/** The texts <rtc-chat> shows (what `t` holds in its code). */
export type ChatStrings = Pick<RtcStrings, keyof typeof chatEnglish>;
