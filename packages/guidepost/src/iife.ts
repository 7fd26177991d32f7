// The script-tag bundle's entry (guidepost.js): the only module with an effect at load.
import { installGlobal } from './global';

installGlobal(window, document.currentScript as HTMLScriptElement | null);
