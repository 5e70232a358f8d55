import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
// Registers <rtc-chat> (and types its events for the template checker);
// `import 'rtc-elements'` registers <rtc-call> too.
import 'rtc-elements/rtc-chat';
import { AppComponent } from './app/app.component';

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => {
  window.__status = `error: ${String(error)}`;
});
