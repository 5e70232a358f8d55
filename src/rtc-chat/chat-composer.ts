/** <rtc-chat>'s inputs: the composer (Enter sends, typing notices) and the connect form. */

/** The element's public side that the inputs use. */
export interface ComposerHost extends HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  send(data: unknown): Promise<unknown>;
  connect(peer: string): Promise<void>;
}

export class ChatComposer {
  /** `typing`: the user started (true) or stopped typing. */
  constructor(
    private readonly host: ComposerHost,
    private readonly typing: (on: boolean) => void,
  ) {}

  readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const input = this.host.renderRoot?.querySelector<HTMLTextAreaElement>('textarea');
    if (!input) return;
    const text = input.value;
    if (!text.trim()) return;
    try {
      await this.host.send(text);
      input.value = ''; // cleared only once sent: a failed message stays in the box
      this.typing(false);
    } catch {
      // reported through rtc-error and the status line
    }
    input.focus();
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  };

  readonly onInput = (event: InputEvent): void => this.typing((event.target as HTMLTextAreaElement).value.trim() !== '');

  readonly onConnect = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = form.querySelector('input');
    const id = input?.value.trim();
    if (!id) return;
    this.host.connect(id).then(
      () => {
        if (input) input.value = '';
      },
      () => {},
    );
  };
}
