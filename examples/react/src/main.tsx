import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <rtc-chat> before React renders it, so React 19 sees its properties
// (`import 'rtc-elements'` registers <rtc-call> too).
import 'rtc-elements/rtc-chat';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
