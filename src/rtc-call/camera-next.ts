/** The camera flip (camera-flip.ts), loaded on first use: which camera comes next, and the switch. */
import type { DeviceLists, DeviceSelection } from './media.js';

/** The element's public side a flip uses. */
export interface FlipElement {
  readonly localStream: MediaStream | undefined;
  readonly selectedDevices: DeviceSelection;
  getDevices(): Promise<DeviceLists>;
  setDevices(selection: { videoInput?: string | null }): Promise<void>;
}

/** What a camera's label says about where it faces (phones name them "front"/"back"). */
const BACK = /\b(back|rear|environment|world)\b|rück/i;
const FRONT = /\b(front|user|face|selfie)\b|vorder/i;

function facingOf(label: string): 'user' | 'environment' | undefined {
  if (BACK.test(label)) return 'environment';
  if (FRONT.test(label)) return 'user';
  return undefined;
}

/**
 * The camera to switch to from `current` (its id; `facing`: its facingMode if the browser says):
 * one that faces the other way when the labels tell, else the next in the list (round). Undefined
 * with fewer than two cameras.
 */
export function nextCamera(cameras: Array<Pick<MediaDeviceInfo, 'deviceId' | 'label'>>, current: string | undefined, facing?: string): string | undefined {
  const usable = cameras.filter((c) => c.deviceId && c.deviceId !== 'default');
  if (usable.length < 2) return undefined;
  const index = usable.findIndex((c) => c.deviceId === current);
  const own = facing === 'user' || facing === 'environment' ? facing : index >= 0 ? facingOf(usable[index].label) : undefined;
  if (own) {
    const other = usable.find((c) => c.deviceId !== current && facingOf(c.label) && facingOf(c.label) !== own);
    if (other) return other.deviceId;
  }
  return usable[(index + 1) % usable.length].deviceId;
}

/** Switches the camera in use (or the choice for the next start, with the camera off) to the next one. */
export async function flipCamera(el: FlipElement): Promise<void> {
  const settings = el.localStream?.getVideoTracks()[0]?.getSettings() ?? {};
  const { videoInput } = await el.getDevices();
  const next = nextCamera(videoInput, settings.deviceId ?? el.selectedDevices.videoInput, settings.facingMode);
  if (next) await el.setDevices({ videoInput: next });
}
