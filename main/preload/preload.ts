/**
 * The preload: the renderer's only door to the main process. It exposes one named function per
 * contract channel (`window.umc.topology.graph(...)`) and `window.umc.on(event, listener)`, never
 * ipcRenderer itself nor a generic send: an event's listener gets the payload only, not the
 * Electron event (which would hand the page ipcRenderer's sender).
 * Bundled as one CommonJS file: sandboxed preloads cannot be ESM.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, createApi, type EventStream, IPC_PREFIX, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../../shared/contract/api';
import type { Envelope } from '../../shared/contract/channel';

/** One stream per event (createApi shares it between listeners): main sends on `umc:<event>` to this window only. */
const eventStream: EventStream = (event, deliver) => {
  const onMessage = (_message: IpcRendererEvent, payload: unknown) => deliver(payload);
  ipcRenderer.on(IPC_PREFIX + event, onMessage);
  void (ipcRenderer.invoke(IPC_SUBSCRIBE, event) as Promise<Envelope<null>>).then(
    (answer) => {
      if (!answer.ok) console.error(`umc: ${event}: ${answer.error.message}`);
    },
    (e: unknown) => console.error(`umc: ${event}: ${String(e)}`),
  );
  return () => {
    ipcRenderer.removeListener(IPC_PREFIX + event, onMessage);
    void ipcRenderer.invoke(IPC_UNSUBSCRIBE, event);
  };
};

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createApi((channel, payload) => ipcRenderer.invoke(IPC_PREFIX + channel, payload) as Promise<Envelope<unknown>>, eventStream),
);
