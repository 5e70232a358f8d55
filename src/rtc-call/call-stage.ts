/**
 * <rtc-call>'s stage: playing the remote video and the room's tiles (muted, with an "enable sound"
 * button, when the browser blocks autoplay with sound), full screen and picture in picture.
 */
import type { ReactiveControllerHost } from 'lit';
import type { RtcErrorType } from '../core/errors.js';
import { inPictureInPicture } from './tiles.js';

export interface StageElement extends ReactiveControllerHost, HTMLElement {
  readonly shadowRoot: ShadowRoot | null;
}

export class CallStage {
  /** The browser refused to play with sound: videos play muted and the "enable sound" button shows. */
  soundBlocked = false;
  /** The stage is in full screen. */
  fullscreen = false;
  /** The remote video is in picture in picture. */
  pip = false;

  constructor(
    private readonly el: StageElement,
    private readonly error: (type: RtcErrorType, message: string) => void,
  ) {}

  private find<E extends Element>(selector: string): E | undefined {
    return this.el.shadowRoot?.querySelector<E>(selector) ?? undefined;
  }

  get remoteVideo(): HTMLVideoElement | undefined {
    return this.find('[part~="remote-video"]');
  }

  /** The room's members' videos. */
  tileVideos(): HTMLVideoElement[] {
    return [...(this.el.shadowRoot?.querySelectorAll<HTMLVideoElement>('video[part~="tile-video"][data-peer]') ?? [])];
  }

  private set(state: 'soundBlocked' | 'fullscreen' | 'pip', on: boolean): void {
    if (this[state] === on) return;
    this[state] = on;
    this.el.requestUpdate();
  }

  /** Starts the remote video (it got a new stream). */
  playRemote(): void {
    const video = this.remoteVideo;
    if (!video || !video.srcObject) return;
    video.muted = false;
    void this.play(video).then((withSound) => {
      if (withSound) this.set('soundBlocked', false);
    });
  }

  /** Starts members' videos. */
  playTiles(): void {
    for (const video of this.tileVideos()) if (video.srcObject && video.paused) void this.play(video);
  }

  /** Plays `video` with sound; true if it does. */
  private play(video: HTMLVideoElement): Promise<boolean> {
    return video.play().then(
      () => true,
      (error: unknown) => {
        if ((error as { name?: string })?.name === 'NotAllowedError') {
          // Autoplay with sound needs a click on this page: play muted, offer a button.
          video.muted = true;
          this.set('soundBlocked', true);
          video.play().catch(() => {});
        }
        return false;
      },
    );
  }

  /** The "enable sound" button (a click on the page: now the browser lets it play with sound). */
  readonly enableSound = (): void => {
    for (const video of [this.remoteVideo, ...this.tileVideos()]) {
      if (!video) continue;
      video.muted = false;
      video.play().then(
        () => this.set('soundBlocked', false),
        () => {},
      );
    }
  };

  /** The one-to-one call ended. */
  ended(): void {
    this.set('soundBlocked', false);
    if (inPictureInPicture(this.remoteVideo)) document.exitPictureInPicture().catch(() => {});
  }

  /** `fullscreenchange` on the document. */
  readonly fullscreenChanged = (): void => {
    const stage = this.find('[part~="stage"]');
    this.set('fullscreen', !!stage && this.el.shadowRoot?.fullscreenElement === stage);
  };

  readonly toggleFullscreen = (): void => {
    const stage = this.find<HTMLElement>('[part~="stage"]');
    if (!stage) return;
    const done = this.fullscreen ? document.exitFullscreen() : stage.requestFullscreen();
    done.catch((error: unknown) => this.error('invalid-state', `Full screen is not available: ${(error as Error)?.message ?? String(error)}`));
  };

  /** Picture in picture on or off, for the remote video or a member's. */
  togglePictureInPicture(video: HTMLVideoElement | undefined = this.remoteVideo): void {
    if (!video) return;
    const done = inPictureInPicture(video)
      ? document.exitPictureInPicture()
      : // play() first: Chromium reloads a stream's player after its window closed (no metadata yet).
        video.play().then(() => video.requestPictureInPicture());
    done.catch((error: unknown) => this.error('invalid-state', `Picture in picture is not available: ${(error as Error)?.message ?? String(error)}`));
  }

  readonly pipChanged = (on: boolean): void => this.set('pip', on);
}
