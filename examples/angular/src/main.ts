import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
// Registers <rtc-chat> and <rtc-call> (and types their events for the template checker).
import 'rtc-elements';
import { AppComponent } from './app/app.component';

bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch((error: unknown) => {
  window.__status = `error: ${String(error)}`;
});
