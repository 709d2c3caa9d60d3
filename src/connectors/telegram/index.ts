export { TelegramBot } from './bot';
export type { SentMessage, TelegramBotOptions } from './bot';
export { TelegramClient } from './client';
export type { TelegramClientOptions } from './client';
export { ChatThrottle, DEFAULT_THROTTLE } from './throttle';
export type { ThrottleOptions } from './throttle';
export * from './types';
