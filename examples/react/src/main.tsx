import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <rtc-chat> and <rtc-call> before React renders them, so React 19 sees their properties.
import 'rtc-elements';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
