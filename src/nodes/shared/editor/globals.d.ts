import type editorClient from '@node-red/editor-client';

declare global {
  const RED: editorClient.RED;
}
export {};
